// One service, everything a counter needs offline: what it is, who delivers it, what to bring,
// the promise and its back-office steps, the process map with its scripts, and where else to go.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Owner, Partner, Service } from '../../../shared/pack/schema.ts';
import { useDb } from '../../db/use-db.ts';
import { isolated } from '../../i18n/format.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { Localised, useLocalText } from '../../ui/localised.tsx';
import { NotFound } from '../../ui/not-found.tsx';
import { ownerName as nameOfOwner } from '../../ui/owner-name.ts';
import { formatDuration } from './format-duration.ts';

/**
 * `reviews`: what citizens say about the service and its provider, composed in by the router
 * (another feature), given what this page has already read. On a `kiosk` the self-service site
 * is not a link: the citizen takes its address away instead.
 */
export function ServicePage({
  reviews,
  kiosk = false,
}: {
  reviews?: (service: Service, provider: Partner | null) => ReactNode;
  kiosk?: boolean;
} = {}) {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams();
  const db = useDb();
  const local = useLocalText();
  const data = useLiveQuery(async () => {
    const service = await db.services.get(serviceId);
    if (!service) return { service: null } as const;
    const [commitments, map, partners, places] = await Promise.all([
      db.commitments.where('serviceId').equals(serviceId).toArray(),
      db.processMaps.where('serviceId').equals(serviceId).first(),
      db.partners.toArray(),
      db.accessPoints.filter((ap) => ap.faceToFaceServiceIds.includes(serviceId)).toArray(),
    ]);
    return { service, commitments, map, partners, places } as const;
  }, [db, serviceId]);
  if (!data) return <p>{t('app.loading')}</p>;
  if (!data.service) {
    return (
      <NotFound
        title={t('directory.noService')}
        to="/services"
        back={t('directory.backToServices')}
      />
    );
  }
  const { service, commitments, map, partners, places } = data;
  const ownerName = (owner: Owner) => nameOfOwner(partners, local, owner);
  // A step is named by its place in the map ("step 3"), never by its id.
  const stepNumber = (id: string) => (map ? map.steps.findIndex((s) => s.id === id) + 1 : 0);
  return (
    <article className="panel" aria-labelledby="service-title">
      {/* A kiosk has no staff directory: its way back is the finder. */}
      {kiosk ? (
        <BackLink to="/">{t('flow.backToFinder')}</BackLink>
      ) : (
        <BackLink to="/services">{t('directory.backToServices')}</BackLink>
      )}
      <h1 id="service-title">
        <Localised text={service.name} />
      </h1>
      <Localised as="p" text={service.description} />
      <dl className="facts">
        <div>
          <dt>{t('directory.deliveredBy')}</dt>
          <dd>{ownerName(service.delivery.default)}</dd>
        </div>
        {service.delivery.byArea?.map((area) => (
          <div key={area.postcodePrefixes.join()}>
            <dt>{t('directory.inArea', { areas: isolated(area.postcodePrefixes.join(', ')) })}</dt>
            <dd>{ownerName(area.owner)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('directory.tierLabel')}</dt>
          <dd>{t(`directory.tiers.${service.tier}`)}</dd>
        </div>
        <div>
          <dt>{t('directory.channels')}</dt>
          <dd>{service.channels.map((c) => t(`channels.${c}`)).join(', ')}</dd>
        </div>
        {service.eligibility ? (
          <div>
            <dt>{t('directory.eligibility')}</dt>
            <dd>
              <Localised text={service.eligibility} />
            </dd>
          </div>
        ) : null}
        {service.fees ? (
          <div>
            <dt>{t('directory.fees')}</dt>
            <dd>
              <Localised text={service.fees} />
            </dd>
          </div>
        ) : null}
        {service.selfServiceUrl ? (
          <div>
            <dt>{t('directory.online')}</dt>
            <dd>
              {kiosk ? (
                t('finder.onlineOnPhone', { url: isolated(service.selfServiceUrl) })
              ) : (
                <a href={service.selfServiceUrl} rel="noopener noreferrer" target="_blank">
                  {service.selfServiceUrl}
                </a>
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      {service.documents.length > 0 ? (
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{t('directory.documents')}</h2>
          <ul>
            {service.documents.map((d) => (
              <li key={d.en}>
                <Localised text={d} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {commitments.map((c) => (
        <section key={c.id} aria-labelledby={`commitment-${c.id}`} className="commitment">
          <h2 id={`commitment-${c.id}`}>{t('directory.promise')}</h2>
          <p className="commitment__promise">
            <Localised text={c.promise} />{' '}
            <span className="note__meta">
              {t('directory.within', { within: formatDuration(t, c.target) })}
            </span>
          </p>
          {/* Who does what behind the promise is for staff; a citizen at a kiosk sees the promise. */}
          {kiosk ? null : (
            <ol>
              {c.steps.map((step) => (
                <li key={step.id}>
                  <Localised text={step.title} />{' '}
                  <span className="note__meta">
                    {t('directory.stepOwner', {
                      owner:
                        'role' in step.owner
                          ? t(`roles.${step.owner.role}`)
                          : ownerName(step.owner),
                      within: formatDuration(t, step.target),
                    })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
      {/* The process map holds the staff scripts and internal steps: never on a kiosk, whose
          citizen is walked through the service in their own words by the guided flow. */}
      {map && kiosk && service.tier <= 1 ? (
        <p>
          <Link className="button" to={`/services/${service.id}/flow`}>
            {t('finder.doItHere')}
          </Link>
        </p>
      ) : null}
      {map && !kiosk ? (
        <section aria-labelledby="map-title">
          <h2 id="map-title">{t('directory.processMap')}</h2>
          <ol className="process-map" data-testid="process-map">
            {map.steps.map((step) => (
              <li key={step.id} id={`step-${step.id}`}>
                <strong>
                  {t('directory.stepNumbered', {
                    number: stepNumber(step.id),
                    kind: t(`directory.stepKinds.${step.kind}`),
                  })}
                </strong>
                {step.kind === 'outcome' ? ` — ${t(`directory.outcomes.${step.outcome}`)}` : null}
                <p className="script">
                  <span className="script__label">{t('directory.staffSays')}</span>{' '}
                  <Localised text={step.staff} />
                </p>
                <p className="script script--citizen">
                  <span className="script__label">{t('directory.citizenReads')}</span>{' '}
                  <Localised text={step.citizen} />
                </p>
                {step.kind === 'question' ? (
                  <ul>
                    {step.answers.map((a) => (
                      <li key={a.id}>
                        <Localised text={a.label} />{' '}
                        <a href={`#step-${a.next}`}>
                          {t('directory.goesTo', { step: stepNumber(a.next) })}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {reviews?.(
        service,
        partners.find((p) => p.id === service.delivery.default.partnerId) ?? null,
      )}
      <section aria-labelledby="places-title">
        <h2 id="places-title">{t('directory.whereFaceToFace')}</h2>
        {places.length === 0 ? <p>{t('directory.nowhereFaceToFace')}</p> : null}
        <ul className="link-list">
          {places.map((ap) => (
            <li key={ap.id}>
              <Link to={`/places/${ap.id}`}>{ap.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
