// The back office's queue: cases owned by this device's partner (and those captured here),
// most urgent first, with "at risk" and "breached" flags; per team for managers. Open cases by
// default (resolved ones a choice away), and a search by reference, typed any way a citizen
// reads it out ("k7qm 4txr", "K7QM-4TXR-B").
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useId, useState } from 'react';
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
  const searchId = useId();
  const showId = useId();
  const [team, setTeam] = useState('');
  const [search, setSearch] = useState('');
  const [show, setShow] = useState<'open' | 'resolved' | 'all'>('open');
  // Letters and digits only: a reference read out or typed with spaces, dashes or in lower case.
  const wanted = useDeferredValue(search.toUpperCase().replace(/[^0-9A-Z*]/g, ''));
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
  const all = useCases(filter);
  const cases = all?.filter(
    (c) =>
      (show === 'all' || (show === 'resolved') === (c.state.status === 'resolved')) &&
      (!wanted || c.record.reference.replace(/-/g, '').includes(wanted)),
  );
  const partner = partners.find((p) => p.id === partnerId);
  // A team by its name; another partner's team with that partner's name too.
  const teamName = (pid: string, tid: string) => {
    const p = partners.find((x) => x.id === pid);
    const tm = p?.teams.find((x) => x.id === tid);
    if (!tid) return t('cases.routing');
    if (!p || !tm) return `${pid} / ${tid}`;
    return pid === partnerId
      ? local(tm.name)
      : t('caseWork.teamOf', { team: local(tm.name), partner: local(p.name) });
  };
  const counts = new Map<string, { atRisk: number; breached: number; open: number }>();
  for (const c of all ?? []) {
    if (c.state.status === 'resolved') continue;
    const key = `${c.record.ownerPartnerId}/${c.record.ownerTeamId}`;
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
      <h2 id={`${teamId}-heading`}>{t('cases.byTeam')}</h2>
      {/* A phone scrolls the table sideways rather than the whole page. */}
      <div
        className="table-wrap"
        role="region"
        aria-labelledby={`${teamId}-heading`}
        // Focusable, so a keyboard can scroll it when it is wider than the screen.
        tabIndex={0}
      >
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
            {[...counts.entries()].map(([key, c]) => (
              <tr key={key}>
                <th scope="row">{teamName(key.split('/')[0] ?? '', key.split('/')[1] ?? '')}</th>
                <td>{c.open}</td>
                <td>{c.atRisk}</td>
                <td>{c.breached}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
      <div className="queue-filters">
        <div className="field">
          <label htmlFor={searchId}>{t('caseWork.search')}</label>
          <p className="hint" id={`${searchId}-hint`}>
            {t('caseWork.searchHint')}
          </p>
          <input
            id={searchId}
            type="search"
            aria-describedby={`${searchId}-hint`}
            value={search}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={showId}>{t('caseWork.show')}</label>
          <select id={showId} value={show} onChange={(e) => setShow(e.target.value as typeof show)}>
            <option value="open">{t('caseWork.showOpen')}</option>
            <option value="resolved">{t('caseWork.showResolved')}</option>
            <option value="all">{t('caseWork.showAll')}</option>
          </select>
        </div>
      </div>
      {cases ? (
        <p role="status" data-testid="queue-count">
          {all && all.length === 0
            ? t('cases.none')
            : cases.length === 0
              ? t('caseWork.noMatch')
              : t(`caseWork.showing.${show}`, { count: cases.length })}
        </p>
      ) : null}
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
