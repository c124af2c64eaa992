// The studio's places and partners: the access points this person may change (the franchisor
// every one, a partner manager their own partner's — the hub decides), each opened in an
// editor for its hours, closures and bank holidays, facilities and the services offered face
// to face; a new place (a mobile-library stop); a new partner (a charity shop joining, the
// franchisor only). A saved change is published at once, as a version of its own.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PackAccessPoint, Partner } from '../../../shared/pack/schema.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { RECORD_ID, RecordIdField } from '../../ui/record-id-field.tsx';
import type { PlacesView } from '../../../shared/pack/studio-api.ts';

function NewRecord({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  function start(event: FormEvent) {
    event.preventDefault();
    if (RECORD_ID.test(id.trim())) void navigate(`${path}/${id.trim()}?new=1`);
  }
  return (
    <form className="form studio-pack-new" onSubmit={start}>
      <RecordIdField label={label} value={id} onValue={setId} />
      <button type="submit" className="button button--secondary">
        {t('studioPack.start')}
      </button>
    </form>
  );
}

export function StudioPlacesPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  return (
    <section className="panel studio-places" aria-labelledby="studio-places-title">
      <h1 id="studio-places-title">{t('studioPlaces.title')}</h1>
      <p className="hint">{t('studioPlaces.intro')}</p>
      <HubView<PlacesView> device={device} path="/api/studio/places">
        {(view) => (
          <>
            <DataTable
              caption={t('studioPlaces.placesCaption', { count: view.places.length })}
              columns={[
                t('studioPlaces.place'),
                t('studioPlaces.partner'),
                t('studioPlaces.hours'),
              ]}
              rows={view.places}
              rowKey={(p) => p.id}
              cells={(p) => {
                const place = (p.published ?? p.record) as PackAccessPoint | null;
                return [
                  <Link key="link" to={`/studio/places/${p.id}`}>
                    {place?.name ?? p.id}
                  </Link>,
                  place?.partnerId ?? '–',
                  t('studioPlaces.hoursSummary', {
                    days: place?.openingHours.length ?? 0,
                    closures: place?.closures?.length ?? 0,
                  }),
                ];
              }}
            />
            <NewRecord path="/studio/places" label={t('studioPlaces.newPlace')} />
            <h2>{t('studioPlaces.partnersTitle')}</h2>
            <ul>
              {view.partners.map((p) => (
                <li key={p.id}>
                  <Link to={`/studio/places/partners/${p.id}`}>
                    {((p.published ?? p.record) as Partner | null)?.name.en ?? p.id}
                  </Link>
                </li>
              ))}
            </ul>
            {view.allPartners && (
              <NewRecord path="/studio/places/partners" label={t('studioPlaces.newPartner')} />
            )}
          </>
        )}
      </HubView>
    </section>
  );
}
