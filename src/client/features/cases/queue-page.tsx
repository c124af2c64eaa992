// The back office's queue: cases owned by this device's partner (and those captured here),
// most urgent first, with "at risk" and "breached" flags; per team for managers.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceSettings, LocalCase } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { useCases } from './use-cases.ts';

export function QueuePage({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const teamId = useId();
  const [team, setTeam] = useState('');
  const place = useLiveQuery(
    () => db.accessPoints.get(device.accessPointId),
    [db, device.accessPointId],
  );
  const partners = useLiveQuery(() => db.partners.toArray(), [db]) ?? [];
  const services = useLiveQuery(() => db.services.toArray(), [db]) ?? [];
  const partnerId = place?.partnerId;
  // This partner's cases: owned by it, captured here, or with a step it must deliver.
  const filter = useCallback(
    (c: LocalCase) =>
      (c.ownerPartnerId === partnerId ||
        c.accessPointId === device.accessPointId ||
        c.dues.some((d) => d.owner.startsWith(`${partnerId}/`))) &&
      (!team || c.ownerTeamId === team),
    [partnerId, device.accessPointId, team],
  );
  const cases = useCases(filter);
  const partner = partners.find((p) => p.id === partnerId);
  const teamName = (pid: string, tid: string) => {
    const p = partners.find((x) => x.id === pid);
    const tm = p?.teams.find((x) => x.id === tid);
    return tm ? local(tm.name) : tid || t('cases.routing');
  };
  const counts = new Map<string, { atRisk: number; breached: number; open: number }>();
  for (const c of cases ?? []) {
    if (c.state.status === 'resolved') continue;
    const key = c.record.ownerTeamId;
    const entry = counts.get(key) ?? { atRisk: 0, breached: 0, open: 0 };
    entry.open++;
    if (c.urgency?.status === 'at-risk') entry.atRisk++;
    if (c.urgency?.status === 'breached') entry.breached++;
    counts.set(key, entry);
  }
  return (
    <section className="panel" aria-labelledby="queue-title">
      <h1 id="queue-title">
        {t('cases.queueTitle', { partner: partner ? local(partner.name) : '' })}
      </h1>
      <p>
        <Link className="button" to="/cases/new">
          {t('cases.new')}
        </Link>
      </p>
      <h2>{t('cases.byTeam')}</h2>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">{t('cases.team')}</th>
            <th scope="col">{t('cases.open')}</th>
            <th scope="col">{t('cases.atRisk')}</th>
            <th scope="col">{t('cases.breached')}</th>
          </tr>
        </thead>
        <tbody>
          {[...counts.entries()].map(([tid, c]) => (
            <tr key={tid}>
              <th scope="row">{teamName(partnerId ?? '', tid)}</th>
              <td>{c.open}</td>
              <td>{c.atRisk}</td>
              <td>{c.breached}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="field">
        <label htmlFor={teamId}>{t('cases.team')}</label>
        <select id={teamId} value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">{t('cases.allTeams')}</option>
          {partner?.teams.map((tm) => (
            <option key={tm.id} value={tm.id}>
              {local(tm.name)}
            </option>
          ))}
        </select>
      </div>
      {cases && cases.length === 0 ? <p>{t('cases.none')}</p> : null}
      <ol className="note-list" data-testid="queue">
        {cases?.map((c) => {
          const service = services.find((s) => s.id === c.record.serviceId);
          return (
            <li key={c.record.id} className="note" data-status={c.urgency?.status ?? 'done'}>
              <div className="note__head">
                <Link to={`/cases/${c.record.id}`}>
                  <strong>{c.record.reference}</strong>
                  {` — ${service ? local(service.name) : c.record.serviceId}`}
                </Link>
                <span>
                  {c.state.escalation ? (
                    <span className="badge badge--rejected">{t('cases.escalated')}</span>
                  ) : null}{' '}
                  {c.urgency ? (
                    <span className={`badge badge--${c.urgency.status}`}>
                      {t(`cases.status.${c.urgency.status}`)}
                    </span>
                  ) : null}{' '}
                  <span className="badge">{t(`cases.state.${c.state.status}`)}</span>
                </span>
              </div>
              <p className="note__meta">
                {`${t(`cases.types.${c.record.type}`)} · ${teamName(c.record.ownerPartnerId, c.record.ownerTeamId)}`}
                {c.urgency
                  ? ` · ${t('cases.dueBy', { when: formatDateTime(c.urgency.due, i18n.language) })}`
                  : ''}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
