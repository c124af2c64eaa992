// The photos of a case on its page. Another device's photos are fetched when first shown
// (online) and kept, so they stay visible offline afterwards.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../db/use-db.ts';
import { useDevice } from '../../db/use-device.ts';
import { photoBlob } from '../../sync/photo-uploader.ts';
import { PhotoThumb } from './photo-picker.tsx';

export function CasePhotos({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const db = useDb();
  const device = useDevice();
  // Bumped when the connection returns, to fetch what could not be fetched offline.
  const [online, setOnline] = useState(0);
  useEffect(() => {
    const bump = () => setOnline((n) => n + 1);
    window.addEventListener('online', bump);
    return () => window.removeEventListener('online', bump);
  }, []);
  const photos = useLiveQuery(
    () => db.casePhotos.where('caseId').equals(caseId).sortBy('createdAt'),
    [db, caseId],
  );

  useEffect(() => {
    if (!device || !photos || !navigator.onLine) return;
    for (const photo of photos) if (!photo.blob) void photoBlob(db, device, photo);
  }, [db, device, online, photos]);

  if (!photos || photos.length === 0) return null;
  return (
    <section aria-labelledby="case-photos-title">
      <h2 id="case-photos-title">{t('cases.photos')}</h2>
      <ul className="photo-list" data-testid="case-photos">
        {photos.map((photo, index) => (
          <li key={photo.id}>
            {photo.blob ? (
              <PhotoThumb blob={photo.blob} alt={t('cases.photoAlt', { index: index + 1 })} />
            ) : (
              <p className="photo-placeholder">{t('cases.photoWhenOnline')}</p>
            )}
            <span className="hint">{t(`cases.photoUpload.${photo.upload}`)}</span>
            {photo.failure ? <span className="error">{photo.failure}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
