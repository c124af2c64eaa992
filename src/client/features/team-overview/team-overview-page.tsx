// Cases across partners and teams, from the hub: the franchisor sees every partner, a manager
// or officer their own. Counts per team (open, at risk, breached, escalated) and the cases to
// look at first. No personal data: the hub sends summaries only.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffCaseSummary } from '../../../shared/api/staff.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';

interface TeamRow {
  partnerId: string;
  teamId: string;
  open: number;
  atRisk: number;
  breached: number;
  escalated: number;
}

function byTeam(cases: StaffCaseSummary[]): TeamRow[] {
  const rows = new Map<string, TeamRow>();
  for (const c of cases) {
    if (c.status === 'resolved') continue;
    const key = `${c.ownerPartnerId}/${c.ownerTeamId}`;
    const row = rows.get(key) ?? {
      partnerId: c.ownerPartnerId,
      teamId: c.ownerTeamId,
      open: 0,
      atRisk: 0,
      breached: 0,
      escalated: 0,
    };
    row.open++;
    if (c.dues.some((d) => d.status === 'breached')) row.breached++;
    else if (c.dues.some((d) => d.status === 'at-risk')) row.atRisk++;
    if (c.escalated) row.escalated++;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.breached - a.breached || b.atRisk - a.atRisk || a.partnerId.localeCompare(b.partnerId),
  );
}

export function TeamOverviewPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const partnerName = (id: string) => {
    const p = partners?.find((x) => x.id === id);
    return p ? local(p.name) : id;
  };
  const teamName = (partnerId: string, teamId: string) => {
    const team = partners?.find((x) => x.id === partnerId)?.teams.find((x) => x.id === teamId);
    return team ? local(team.name) : teamId;
  };
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <p className="hint">{t('overview.intro')}</p>
      <HubView<StaffCaseSummary[]> device={device} path="/api/staff/cases">
        {(cases) => {
          const rows = byTeam(cases);
          const urgent = cases.filter(
            (c) =>
              c.status !== 'resolved' &&
              (c.escalated || c.dues.some((d) => d.status === 'breached')),
          );
          return (
            <>
              <DataTable
                data-testid="overview-teams"
                caption={t('overview.byTeam')}
                columns={[
                  t('overview.partner'),
                  t('cases.team'),
                  t('cases.open'),
                  t('cases.atRisk'),
                  t('cases.breached'),
                  t('cases.escalated'),
                ]}
                rows={rows}
                rowKey={(r) => `${r.partnerId}/${r.teamId}`}
                cells={(r) => [
                  partnerName(r.partnerId),
                  teamName(r.partnerId, r.teamId),
                  r.open,
                  r.atRisk,
                  r.breached,
                  r.escalated,
                ]}
              />
              <h2>{t('overview.urgent')}</h2>
              {urgent.length === 0 ? (
                <p>{t('cases.none')}</p>
              ) : (
                <ul className="note-list">
                  {urgent.map((c) => (
                    <li key={c.id} className="note">
                      <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                      {` — ${partnerName(c.ownerPartnerId)} / ${teamName(c.ownerPartnerId, c.ownerTeamId)}`}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </HubView>
    </section>
  );
}
