// The auditor's start screen: the places to audit (any place in the pack, not only this
// tablet's own) and the audits made on this device, with where each one is in its journey to
// the hub. Everything here is read from the device: it works offline.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { LocalAudit, SyncState } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useCan } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';

const STATE_BADGE: Record<SyncState | 'draft', string> = {
  draft: 'badge',
  pending: 'badge badge--pending',
  synced: 'badge badge--synced',
  rejected: 'badge badge--rejected',
};

export function AuditsPage() {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const location = useLocation();
  const mayAudit = useCan('audit');
  const mayReadScores = useCan('insight.view') || mayAudit;
  const places = useLiveQuery(() => db.accessPoints.orderBy('id').toArray(), [db]);
  const audits = useLiveQuery(async () => {
    const [pending, rejected] = await Promise.all([
      db.outbox.orderBy('recordId').uniqueKeys(),
      db.attention.orderBy('recordId').uniqueKeys(),
    ]);
    const waiting = new Set(pending.map(String));
    const refused = new Set(rejected.map(String));
    const stateOf = (a: LocalAudit): SyncState | 'draft' =>
      a.status === 'draft'
        ? 'draft'
        : waiting.has(a.id)
          ? 'pending'
          : refused.has(a.id)
            ? 'rejected'
            : 'synced';
    const all = await db.audits.orderBy('updatedAt').reverse().toArray();
    return all.map((a) => ({ ...a, state: stateOf(a) }));
  }, [db]);
  if (!places || !audits) return <p>{t('app.loading')}</p>;
  const placeName = (id: string) => places.find((p) => p.id === id)?.name ?? id;
  const drafts = new Map(
    audits.filter((a) => a.status === 'draft').map((a) => [a.accessPointId, a] as const),
  );
  const submitted = (location.state as { submitted?: string } | null)?.submitted;
  const sorted = [...places].sort((a, b) => a.name.localeCompare(b.name, i18n.language));

  return (
    <section className="panel" aria-labelledby="audits-title">
      <h1 id="audits-title">{t('audits.title')}</h1>
      <p className="hint">{t('audits.intro')}</p>
      {submitted ? (
        <p role="status" className="success" data-testid="audit-submitted">
          {t('audits.submitted', { place: placeName(submitted) })}
        </p>
      ) : null}
      {mayReadScores ? (
        <p>
          <Link to="/audits/scores" className="button button--secondary">
            {t('audits.scoresLink')}
          </Link>
        </p>
      ) : null}
      {mayAudit ? (
        <>
          <h2>{t('audits.placesTitle')}</h2>
          <ul className="audit-places" data-testid="audit-places">
            {sorted.map((place) => (
              <li key={place.id}>
                <Link className="button audit-places__start" to={`/audits/new/${place.id}`}>
                  {drafts.has(place.id)
                    ? t('audits.continue', { place: place.name })
                    : t('audits.start', { place: place.name })}
                </Link>
                <span className="hint">{t(`directory.kinds.${place.kind}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="callout">{t('audits.notAuditor')}</p>
      )}
      <h2>{t('audits.pastTitle')}</h2>
      {audits.length === 0 ? (
        <p>{t('audits.none')}</p>
      ) : (
        <ul className="note-list" data-testid="past-audits">
          {audits.map((a) => (
            <li key={a.id} className="note">
              <div className="note__head">
                <strong>{placeName(a.accessPointId)}</strong>
                <span className={STATE_BADGE[a.state]}>{t(`audits.state.${a.state}`)}</span>
              </div>
              <p className="note__meta">
                {a.score === null
                  ? t('audits.metaDraft', {
                      when: formatDateTime(a.updatedAt, i18n.language),
                      answers: a.items.length,
                    })
                  : t('audits.meta', {
                      when: formatDateTime(a.visitedAt ?? a.updatedAt, i18n.language),
                      score: a.score,
                      answers: a.items.length,
                    })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
