// The access points of the pack: where a citizen can be served face to face, and when.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PackAccessPoint } from '../../../shared/pack/schema.ts';
import { useDb } from '../../db/use-db.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { Localised } from '../../ui/localised.tsx';
import { Ltr, useLtr } from '../../ui/ltr.tsx';
import { NotFound } from '../../ui/not-found.tsx';

export function PlacesPage() {
  const { t } = useTranslation();
  const db = useDb();
  const places = useLiveQuery(() => db.accessPoints.orderBy('id').toArray(), [db]);
  return (
    <section className="panel" aria-labelledby="places-list-title">
      <h1 id="places-list-title">{t('directory.placesTitle')}</h1>
      <ul className="link-list" data-testid="place-list">
        {places?.map((ap) => (
          <li key={ap.id}>
            <Link to={`/places/${ap.id}`}>{ap.name}</Link>
            <span className="note__meta">
              {t('directory.placeLine', {
                kind: t(`directory.kinds.${ap.kind}`),
                town: ap.address.town,
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Hours({ place }: { place: PackAccessPoint }) {
  const { t } = useTranslation();
  const ltr = useLtr();
  if (place.route?.length) {
    return (
      <ul>
        {place.route.map((stop) => (
          <li key={`${stop.day}-${stop.stop}`}>
            {t('directory.routeStop', {
              day: t(`directory.days.${stop.day}`),
              stop: stop.stop,
              from: ltr(stop.arrives),
              to: ltr(stop.departs),
            })}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul>
      {place.openingHours.map((h) => (
        <li key={h.day}>
          {t('directory.hoursLine', {
            day: t(`directory.days.${h.day}`),
            from: ltr(h.opens),
            to: ltr(h.closes),
          })}
        </li>
      ))}
    </ul>
  );
}

export function PlacePage() {
  const { t } = useTranslation();
  const { placeId = '' } = useParams();
  const db = useDb();
  const place = useLiveQuery(
    async () => (await db.accessPoints.get(placeId)) ?? null,
    [db, placeId],
  );
  if (place === undefined) return <p>{t('app.loading')}</p>;
  if (place === null) {
    return (
      <NotFound title={t('directory.noPlace')} to="/places" back={t('directory.backToPlaces')} />
    );
  }
  return (
    <article className="panel" aria-labelledby="place-title">
      <BackLink to="/places">{t('directory.backToPlaces')}</BackLink>
      <h1 id="place-title">{place.name}</h1>
      {place.description ? <Localised as="p" text={place.description} /> : null}
      <dl className="facts">
        <div>
          <dt>{t('directory.kindLabel')}</dt>
          <dd>{t(`directory.kinds.${place.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('directory.address')}</dt>
          <dd>
            {`${place.address.line1}, ${place.address.town} `}
            <Ltr>{place.address.postcode}</Ltr>
          </dd>
        </div>
        {place.phone ? (
          <div>
            <dt>{t('directory.phone')}</dt>
            <dd>
              <a href={`tel:${place.phone.replace(/\s/g, '')}`}>
                <Ltr>{place.phone}</Ltr>
              </a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('directory.facilities')}</dt>
          <dd>
            {place.facilities.length === 0
              ? t('directory.noFacilities')
              : place.facilities.map((f) => t(`directory.facility.${f}`)).join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('directory.servicesHere')}</dt>
          <dd>{t('directory.servicesCount', { count: place.faceToFaceServiceIds.length })}</dd>
        </div>
      </dl>
      <h2>{place.route?.length ? t('directory.route') : t('directory.openingHours')}</h2>
      <Hours place={place} />
    </article>
  );
}
