// Photos for a new case, from the tablet's camera or a file. Checked as they are chosen (type,
// 5 MB, how many), so the person hears what is wrong before the citizen has gone.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE, PHOTO_TYPES } from '../../../shared/case-photo.ts';
import { checkPhoto } from '../../db/writes.ts';
import { formatBytes } from '../../i18n/format.ts';

export function PhotoPicker({
  photos,
  onChange,
}: {
  photos: File[];
  onChange: (photos: File[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [problem, setProblem] = useState<string | null>(null);

  function add(files: FileList | null) {
    setProblem(null);
    const next = [...photos];
    for (const file of Array.from(files ?? [])) {
      const issue = checkPhoto(file, next.length);
      if (issue) {
        setProblem(
          t(`cases.photoErrors.${issue}`, {
            name: file.name,
            size: formatBytes(file.size, i18n.language),
            limit: formatBytes(MAX_PHOTO_BYTES, i18n.language),
            max: MAX_PHOTOS_PER_CASE,
          }),
        );
        continue;
      }
      next.push(file);
    }
    onChange(next);
  }

  return (
    <fieldset className="field">
      <legend>{t('cases.photos')}</legend>
      <p className="hint" id={hintId}>
        {t('cases.photosHint', {
          limit: formatBytes(MAX_PHOTO_BYTES, i18n.language),
          max: MAX_PHOTOS_PER_CASE,
        })}
      </p>
      <label htmlFor={inputId}>{t('cases.addPhoto')}</label>
      <input
        id={inputId}
        className="file-input"
        type="file"
        accept={PHOTO_TYPES.join(',')}
        capture="environment"
        multiple
        aria-describedby={hintId}
        data-testid="photo-input"
        onChange={(e) => {
          add(e.target.files);
          // The same file chosen again after a removal must fire a change.
          e.target.value = '';
        }}
      />
      {problem ? (
        <p className="error" role="alert" data-testid="photo-problem">
          {problem}
        </p>
      ) : null}
      {photos.length > 0 ? (
        <ul className="photo-list">
          {photos.map((photo, index) => (
            <li key={`${photo.name}-${index}`}>
              <PhotoThumb blob={photo} alt={t('cases.photoAlt', { index: index + 1 })} />
              <button
                type="button"
                className="button button--secondary"
                onClick={() => onChange(photos.filter((_, i) => i !== index))}
              >
                {t('cases.removePhoto', { index: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** A thumbnail of bytes held in memory or IndexedDB; the object URL is released with it. */
export function PhotoThumb({ blob, alt }: { blob: Blob; alt: string }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img className="photo-thumb" src={url} alt={alt} />;
}
