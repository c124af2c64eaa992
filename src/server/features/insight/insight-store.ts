// The insight dashboards' queries. Each figure is a GROUP BY in the database, over the rollups
// of migration 0017 where the raw rows are many (contacts, feedback, commitment results) and
// over the raw rows where they are few (follow-ups, audits, open commitments). What comes back
// is a few thousand grouped rows at most, which are only summed into the dashboard's shape here.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CHANNELS } from '../../../shared/channels.ts';
import {
  DEFAULT_UNIT_COSTS,
  MIN_SAMPLE,
  customerRef,
  shiftMonths,
  shiftPeriods,
  type Dashboard,
  type InsightFilter,
  type InsightScope,
  type PlaceFigures,
  type ServiceFigures,
  type Share,
  type TeamFigures,
} from '../../../shared/insight.ts';
import type { Partner, Service } from '../../../shared/pack/schema.ts';
import { currentPackRows } from '../../platform/store/pack-rows.ts';
import {
  ROLLUPS,
  channelColumn,
  rollupFrom,
  type Column,
  type RollupName,
  type RollupSpec,
} from './insight-rollups.ts';
import type {
  AuditItemsTable,
  AuditsTable,
  CaseEventsTable,
  CasesTable,
  CommitmentResultsTable,
  ContactsTable,
  CustomersTable,
  Database,
  FeedbackTable,
  FollowupsTable,
  InsightOpenDuesTable,
} from '../../platform/store/schema.ts';

type Db = Kysely<Database>;
type Num = number | string | null;
const num = (value: Num | undefined): number => Number(value ?? 0);
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The day after an inclusive YYYY-MM-DD end, for comparing full timestamps. */
const dayAfter = (isoDate: string): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface Columns {
  /** A YYYY-MM-DD day column, or a full ISO timestamp column. */
  day?: string;
  timestamp?: string;
  month?: string;
  partner?: string;
  accessPoint?: string;
  service?: string;
  channel?: string;
  tier?: string;
}

/**
 * The WHERE clause of one query: the caller's scope, then the filters this table has columns
 * for (feedback has no tier, commitments no channel, channel shift is about channels).
 */
function where(columns: Columns, filter: InsightFilter, scope: InsightScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  const ref = (column: string) => sql.ref(column);
  if (columns.day) {
    parts.push(
      sql`${ref(columns.day)} >= ${filter.from}`,
      sql`${ref(columns.day)} <= ${filter.to}`,
    );
  }
  if (columns.timestamp) {
    parts.push(
      sql`${ref(columns.timestamp)} >= ${filter.from}`,
      sql`${ref(columns.timestamp)} < ${dayAfter(filter.to)}`,
    );
  }
  if (scope.kind === 'partner' && columns.partner) {
    parts.push(sql`${ref(columns.partner)} = ${scope.partnerId}`);
  }
  if (scope.kind === 'places' && columns.accessPoint) {
    parts.push(
      scope.accessPointIds.length === 0
        ? sql`1 = 0`
        : sql`${ref(columns.accessPoint)} in (${sql.join(scope.accessPointIds)})`,
    );
  }
  const add = (column: string | undefined, value: string | number | undefined) => {
    if (column && value !== undefined) parts.push(sql`${ref(column)} = ${value}`);
  };
  add(columns.partner, filter.partner);
  add(columns.accessPoint, filter.accessPoint);
  add(columns.service, filter.service);
  add(columns.channel, filter.channel);
  add(columns.tier, filter.tier);
  return sql.join(parts, sql` and `);
}

const share = (n: number, of: number): Share => ({ n, of });
const ratio = (s: Share): number => (s.of === 0 ? -1 : s.n / s.of);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
/** A median as a share of 100, so it shows as a percentage beside the others. */
const medianShare = (shares: Share[]): Share => ({
  n: round1(median(shares.filter((s) => s.of > 0).map((s) => (100 * s.n) / s.of)) ?? 0),
  of: shares.some((s) => s.of > 0) ? 100 : 0,
});

export async function loadUnitCosts(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('insight_unit_costs').select(['channel', 'pence']).execute();
  const costs: Record<string, number> = { ...DEFAULT_UNIT_COSTS };
  for (const row of rows) costs[row.channel] = num(row.pence);
  return costs;
}

export async function saveUnitCosts(
  db: Db,
  costs: Record<string, number>,
  by: string,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [channel, pence] of Object.entries(costs)) {
      await trx
        .insertInto('insight_unit_costs')
        .values({ channel, pence, updated_at: now, updated_by: by })
        .onConflict((oc) =>
          oc.column('channel').doUpdateSet({ pence, updated_at: now, updated_by: by }),
        )
        .execute();
    }
  });
}

export async function insightDashboard(
  db: Db,
  dialect: 'sqlite' | 'postgres',
  filter: InsightFilter,
  scope: InsightScope,
  now: string,
): Promise<Dashboard> {
  const periods = shiftPeriods(filter);
  // The first rollup that keeps every filter in force; the raw rows when none does.
  const from = (...names: RollupName[]) =>
    source(
      names.map((n) => ROLLUPS[n]),
      filter,
      scope,
      dialect,
    );
  const unitCosts = await loadUnitCosts(db);
  // Independent reads: on PostgreSQL they run side by side on the pool's connections.
  const [
    contactCube,
    contactServices,
    feedbackCube,
    reasons,
    feedbackServices,
    followups,
    commitmentTeams,
    commitmentServices,
    openDues,
    customers,
    auditCube,
    standards,
  ] = await Promise.all([
    sql<{
      month: string;
      ap: string;
      partner: string;
      channel: string;
      tier: Num;
      first: Num;
      n: Num;
    }>`
      select substr(period, 1, 7) as month, access_point_id as ap, partner_id as partner,
        channel, tier, sum(first_contact) as first, sum(n) as n
      from ${from('contacts')}
      group by substr(period, 1, 7), access_point_id, partner_id, channel, tier
      having sum(n) <> 0`.execute(db),
    sql<{ service: string; n: Num; first: Num }>`
      select service_id as service, sum(n) as n, sum(first_contact) as first
      from ${from('contactServiceTotals', 'contactServices')}
      group by service_id having sum(n) <> 0`.execute(db),
    sql<{ month: string; ap: string; rating: Num; n: Num }>`
      select substr(period, 1, 7) as month, access_point_id as ap, rating, sum(n) as n
      from ${from('feedback')}
      group by substr(period, 1, 7), access_point_id, rating having sum(n) <> 0`.execute(db),
    sql<{ reason: string; n: Num; poor: Num }>`
      select reason, sum(n) as n, sum(case when rating <= 2 then n else 0 end) as poor
      from ${from('feedback')} where reason <> ''
      group by reason having sum(n) <> 0 order by sum(n) desc, reason`.execute(db),
    sql<{ service: string; n: Num; satisfied: Num }>`
      select service_id as service, sum(n) as n, sum(satisfied) as satisfied
      from ${from('feedbackServiceTotals', 'feedbackServices')} where service_id <> ''
      group by service_id having sum(n) <> 0`.execute(db),
    sql<{
      ap: string;
      created: Num;
      sent: Num;
      answered: Num;
      courteous: Num;
      courteous_of: Num;
      solved: Num;
      solved_of: Num;
    }>`
      select access_point_id as ap, count(*) as created, count(sent_at) as sent,
        count(answered_at) as answered,
        sum(case when courteous = 1 then 1 else 0 end) as courteous, count(courteous) as courteous_of,
        sum(case when solved = 1 then 1 else 0 end) as solved, count(solved) as solved_of
      from followups where ${where(FOLLOWUP_COLUMNS, filter, scope)}
      group by access_point_id`.execute(db),
    sql<{ partner: string; team: string; kept: Num; missed: Num }>`
      select partner_id as partner, team_id as team, sum(kept) as kept, sum(missed) as missed
      from ${from('commitments')}
      group by partner_id, team_id having sum(kept) <> 0 or sum(missed) <> 0`.execute(db),
    sql<{ service: string; kept: Num; missed: Num }>`
      select service_id as service, sum(kept) as kept, sum(missed) as missed
      from ${from('commitmentServiceTotals', 'commitmentServices')}
      group by service_id having sum(kept) <> 0 or sum(missed) <> 0`.execute(db),
    // Due times and at-risk instants are ISO strings in UTC: they compare as text.
    sql<{ partner: string; team: string; service: string; breached: Num; at_risk: Num }>`
      select partner_id as partner, team_id as team, service_id as service,
        sum(case when due < ${now} then 1 else 0 end) as breached,
        sum(case when due >= ${now} then 1 else 0 end) as at_risk
      from insight_open_dues
      where at_risk_at <= ${now} and ${where(OPEN_DUE_COLUMNS, filter, scope)}
      group by partner_id, team_id, service_id`.execute(db),
    channelUse(filter, scope, periods, unitCosts, dialect).execute(db),
    sql<{ month: string; ap: string; partner: string; audits: Num; total: Num }>`
      select substr(visited_at, 1, 7) as month, access_point_id as ap, partner_id as partner,
        count(*) as audits, sum(score) as total
      from audits where ${where(AUDIT_COLUMNS, filter, scope)}
      group by substr(visited_at, 1, 7), access_point_id, partner_id`.execute(db),
    sql<{ standard: string; items: Num; points: Num }>`
      select i.standard_id as standard, count(*) as items,
        sum(case i.result when 'met' then 2 when 'partly' then 1 else 0 end) as points
      from audit_items i join audits a on a.id = i.audit_id
      where i.result <> 'not-applicable' and ${where(AUDIT_ITEM_COLUMNS, filter, scope)}
      group by i.standard_id order by i.standard_id`.execute(db),
  ]);

  // ---- volumes, first-contact resolution, cost to serve ----
  const sumBy = <K extends string | number>(
    rows: readonly { n: Num }[],
    key: (row: never) => K,
    extra?: (row: never) => number,
  ) => {
    const out = new Map<K, { n: number; extra: number }>();
    for (const row of rows) {
      const k = key(row as never);
      const entry = out.get(k) ?? { n: 0, extra: 0 };
      entry.n += num(row.n);
      entry.extra += extra ? extra(row as never) : 0;
      out.set(k, entry);
    }
    return out;
  };
  type ContactRow = (typeof contactCube.rows)[number];
  const cube = contactCube.rows;
  const firstOf = (r: ContactRow) => num(r.first);
  const total = cube.reduce((s, r) => s + num(r.n), 0);
  const firstTotal = cube.reduce((s, r) => s + firstOf(r), 0);
  const byChannel = sumBy(cube, (r: ContactRow) => r.channel);
  const byTier = sumBy(cube, (r: ContactRow) => num(r.tier));
  const byPlace = sumBy(cube, (r: ContactRow) => r.ap, firstOf);
  const byMonth = sumBy(cube, (r: ContactRow) => r.month, firstOf);
  const f2fByMonth = sumBy(
    cube.filter((r) => r.channel === 'face-to-face'),
    (r: ContactRow) => r.month,
  );
  const costByMonth = sumBy(
    cube,
    (r: ContactRow) => r.month,
    (r: ContactRow) => num(r.n) * (unitCosts[r.channel] ?? 0),
  );
  const partnerOfPlace = new Map(cube.map((r) => [r.ap, r.partner]));

  // ---- satisfaction ----
  type FeedbackRow = (typeof feedbackCube.rows)[number];
  const fb = feedbackCube.rows;
  const satisfiedOf = (r: FeedbackRow) => (num(r.rating) >= 3 ? num(r.n) : 0);
  const ratingSum = (r: FeedbackRow) => num(r.rating) * num(r.n);
  const fbByPlace = sumBy(fb, (r: FeedbackRow) => r.ap, satisfiedOf);
  const fbRatingByPlace = sumBy(fb, (r: FeedbackRow) => r.ap, ratingSum);
  const fbByMonth = sumBy(fb, (r: FeedbackRow) => r.month, satisfiedOf);
  const fbRatingByMonth = sumBy(fb, (r: FeedbackRow) => r.month, ratingSum);
  const fbByRating = sumBy(fb, (r: FeedbackRow) => num(r.rating));

  // ---- commitments ----
  const teamKey = (partner: string, team: string) => `${partner}/${team}`;
  const teams = new Map<
    string,
    {
      partnerId: string;
      teamId: string;
      kept: number;
      missed: number;
      atRisk: number;
      breached: number;
    }
  >();
  const services = new Map<
    string,
    { serviceId: string; kept: number; missed: number; atRisk: number; breached: number }
  >();
  const teamOf = (partnerId: string, teamId: string) => {
    const key = teamKey(partnerId, teamId);
    const row = teams.get(key) ?? { partnerId, teamId, kept: 0, missed: 0, atRisk: 0, breached: 0 };
    teams.set(key, row);
    return row;
  };
  const serviceOf = (serviceId: string) => {
    const row = services.get(serviceId) ?? {
      serviceId,
      kept: 0,
      missed: 0,
      atRisk: 0,
      breached: 0,
    };
    services.set(serviceId, row);
    return row;
  };
  for (const r of commitmentTeams.rows) {
    const row = teamOf(r.partner, r.team);
    row.kept += num(r.kept);
    row.missed += num(r.missed);
  }
  for (const r of commitmentServices.rows) {
    const row = serviceOf(r.service);
    row.kept += num(r.kept);
    row.missed += num(r.missed);
  }
  for (const r of openDues.rows) {
    for (const row of [teamOf(r.partner, r.team), serviceOf(r.service)]) {
      row.atRisk += num(r.at_risk);
      row.breached += num(r.breached);
    }
  }
  const byTroubleThenName = <T extends { breached: number; missed: number }>(a: T, b: T) =>
    b.breached - a.breached || b.missed - a.missed;

  // ---- channel shift: per customer in the database, then sorted into groups ----
  const groups = { moved: 0, both: 0, stayed: 0, notSeen: 0, saving: 0 };
  const movers: Dashboard['channelShift']['people'] = [];
  const moverIds = new Map<string, Dashboard['channelShift']['people'][number]>();
  for (const c of customers.rows) {
    const costly = num(c.late_costly);
    const cheaper = num(c.late_cheaper);
    if (costly === 0 && cheaper > 0) {
      groups.moved++;
      groups.saving += num(c.saving);
      movers.push({
        customerRef: c.customer_id,
        earlierFaceToFace: num(c.early_f2f),
        laterContacts: cheaper,
        channels: [],
        saving: num(c.saving),
      });
    } else if (costly > 0 && cheaper > 0) groups.both++;
    else if (costly > 0) groups.stayed++;
    else groups.notSeen++;
  }
  movers.sort((a, b) => b.saving - a.saving || a.customerRef.localeCompare(b.customerRef));
  const listed = movers.slice(0, 100);
  for (const m of listed) moverIds.set(m.customerRef, m);
  if (listed.length > 0) {
    const { rows } = await sql<Record<string, Num> & { customer_id: string }>`
      select customer_id,
        ${sql.join(CHANNELS.map((c) => sql`sum(${sql.ref(channelColumn(c))}) as ${sql.ref(channelColumn(c))}`))}
      from ${sql.raw(rollupFrom(ROLLUPS.customerMonths, dialect))} r
      where grain = 'month' and customer_id in (${sql.join([...moverIds.keys()])})
        and period >= ${periods.later.from} and period <= ${periods.later.to}
        and ${scopedCustomers(filter, scope)}
      group by customer_id`.execute(db);
    for (const row of rows) {
      const mover = moverIds.get(row.customer_id);
      if (mover) mover.channels = CHANNELS.filter((c) => num(row[channelColumn(c)]) > 0);
    }
  }
  // Listed by a short reference only, never the record's id or name.
  for (const m of listed) m.customerRef = customerRef(m.customerRef);

  // ---- audits ----
  type AuditRow = (typeof auditCube.rows)[number];
  const audits = auditCube.rows;
  const auditTotal = (r: AuditRow) => num(r.total);
  const auditsByPlace = sumBy(
    audits.map((r) => ({ ...r, n: r.audits })),
    (r: AuditRow) => r.ap,
    auditTotal,
  );
  const auditsByPartner = sumBy(
    audits.map((r) => ({ ...r, n: r.audits })),
    (r: AuditRow) => r.partner,
    auditTotal,
  );
  const auditsByMonth = sumBy(
    audits.map((r) => ({ ...r, n: r.audits })),
    (r: AuditRow) => r.month,
    auditTotal,
  );
  const average = (e: { n: number; extra: number }) => round1(e.extra / e.n);

  // ---- the appreciative view: who does best, beside the median ----
  const placeIds = new Set([...byPlace.keys(), ...fbByPlace.keys(), ...auditsByPlace.keys()]);
  const places: PlaceFigures[] = [...placeIds].map((id) => {
    const responses = fbByPlace.get(id);
    const audit = auditsByPlace.get(id);
    return {
      accessPointId: id,
      partnerId: partnerOfPlace.get(id) ?? '',
      contacts: byPlace.get(id)?.n ?? 0,
      firstContact: share(byPlace.get(id)?.extra ?? 0, byPlace.get(id)?.n ?? 0),
      satisfied: share(responses?.extra ?? 0, responses?.n ?? 0),
      averageRating: responses ? round1((fbRatingByPlace.get(id)?.extra ?? 0) / responses.n) : null,
      auditScore: audit ? average(audit) : null,
    };
  });
  const rankedPlaces = places
    .filter((p) => p.satisfied.of >= MIN_SAMPLE)
    .sort(
      (a, b) =>
        ratio(b.satisfied) - ratio(a.satisfied) ||
        ratio(b.firstContact) - ratio(a.firstContact) ||
        a.accessPointId.localeCompare(b.accessPointId),
    );
  const teamFigures: TeamFigures[] = [...teams.values()]
    .map((t) => ({
      partnerId: t.partnerId,
      teamId: t.teamId,
      kept: share(t.kept, t.kept + t.missed),
    }))
    .filter((t) => t.kept.of >= MIN_SAMPLE)
    .sort(
      (a, b) =>
        ratio(b.kept) - ratio(a.kept) ||
        b.kept.of - a.kept.of ||
        teamKey(a.partnerId, a.teamId).localeCompare(teamKey(b.partnerId, b.teamId)),
    );
  const fbByService = new Map(
    feedbackServices.rows.map((r) => [r.service, share(num(r.satisfied), num(r.n))]),
  );
  const serviceFigures: ServiceFigures[] = contactServices.rows
    .map((r) => ({
      serviceId: r.service,
      contacts: num(r.n),
      firstContact: share(num(r.first), num(r.n)),
      satisfied: fbByService.get(r.service) ?? share(0, 0),
    }))
    .filter((s) => s.contacts >= MIN_SAMPLE)
    .sort(
      (a, b) =>
        ratio(b.firstContact) - ratio(a.firstContact) ||
        ratio(b.satisfied) - ratio(a.satisfied) ||
        a.serviceId.localeCompare(b.serviceId),
    );

  const dashboard: Dashboard = {
    filter,
    scope: scope.kind,
    names: {},
    satisfaction: {
      distribution: [4, 3, 2, 1].map((rating) => ({
        rating,
        responses: fbByRating.get(rating)?.n ?? 0,
      })),
      byAccessPoint: [...fbByPlace.entries()]
        .map(([id, e]) => ({
          accessPointId: id,
          responses: e.n,
          satisfied: e.extra,
          average: round1((fbRatingByPlace.get(id)?.extra ?? 0) / e.n),
        }))
        .sort(
          (a, b) =>
            b.satisfied / b.responses - a.satisfied / a.responses ||
            a.accessPointId.localeCompare(b.accessPointId),
        ),
      byMonth: [...fbByMonth.entries()]
        .map(([month, e]) => ({
          month,
          responses: e.n,
          satisfied: e.extra,
          average: round1((fbRatingByMonth.get(month)?.extra ?? 0) / e.n),
        }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      reasons: reasons.rows.map((r) => ({
        reason: r.reason,
        responses: num(r.n),
        poor: num(r.poor),
      })),
    },
    followups: {
      created: followups.rows.reduce((s, r) => s + num(r.created), 0),
      sent: followups.rows.reduce((s, r) => s + num(r.sent), 0),
      answered: followups.rows.reduce((s, r) => s + num(r.answered), 0),
      courteous: share(
        followups.rows.reduce((s, r) => s + num(r.courteous), 0),
        followups.rows.reduce((s, r) => s + num(r.courteous_of), 0),
      ),
      solved: share(
        followups.rows.reduce((s, r) => s + num(r.solved), 0),
        followups.rows.reduce((s, r) => s + num(r.solved_of), 0),
      ),
      byAccessPoint: followups.rows
        .map((r) => ({
          accessPointId: r.ap,
          sent: num(r.sent),
          answered: num(r.answered),
          courteous: share(num(r.courteous), num(r.courteous_of)),
          solved: share(num(r.solved), num(r.solved_of)),
        }))
        .sort((a, b) => a.accessPointId.localeCompare(b.accessPointId)),
    },
    commitments: {
      byTeam: [...teams.values()].sort(
        (a, b) =>
          byTroubleThenName(a, b) ||
          teamKey(a.partnerId, a.teamId).localeCompare(teamKey(b.partnerId, b.teamId)),
      ),
      byService: [...services.values()].sort(
        (a, b) => byTroubleThenName(a, b) || a.serviceId.localeCompare(b.serviceId),
      ),
    },
    volumes: {
      total,
      firstContact: share(firstTotal, total),
      byChannel: CHANNELS.filter((c) => byChannel.has(c)).map((channel) => ({
        channel,
        contacts: byChannel.get(channel)?.n ?? 0,
      })),
      byTier: [...byTier.entries()]
        .map(([tier, e]) => ({ tier, contacts: e.n }))
        .sort((a, b) => a.tier - b.tier),
      byAccessPoint: [...byPlace.entries()]
        .map(([id, e]) => ({ accessPointId: id, contacts: e.n, firstContact: e.extra }))
        .sort((a, b) => b.contacts - a.contacts || a.accessPointId.localeCompare(b.accessPointId)),
      byService: contactServices.rows
        .map((r) => ({ serviceId: r.service, contacts: num(r.n), firstContact: num(r.first) }))
        .sort((a, b) => b.contacts - a.contacts || a.serviceId.localeCompare(b.serviceId))
        .slice(0, 50),
      byMonth: [...byMonth.entries()]
        .map(([month, e]) => ({
          month,
          contacts: e.n,
          faceToFace: f2fByMonth.get(month)?.n ?? 0,
          firstContact: e.extra,
        }))
        .sort((a, b) => a.month.localeCompare(b.month)),
    },
    cost: {
      unitCosts,
      byChannel: CHANNELS.filter((c) => byChannel.has(c)).map((channel) => {
        const contacts = byChannel.get(channel)?.n ?? 0;
        const unitCost = unitCosts[channel] ?? 0;
        return { channel, contacts, unitCost, cost: contacts * unitCost };
      }),
      byMonth: [...costByMonth.entries()]
        .map(([month, e]) => ({ month, contacts: e.n, cost: e.extra }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      total: [...costByMonth.values()].reduce((s, e) => s + e.extra, 0),
    },
    channelShift: {
      ...periods,
      faceToFaceEarlier: customers.rows.length,
      moved: groups.moved,
      both: groups.both,
      stayed: groups.stayed,
      notSeen: groups.notSeen,
      saving: groups.saving,
      people: listed,
    },
    audits: {
      byAccessPoint: [...auditsByPlace.entries()]
        .map(([id, e]) => ({ accessPointId: id, audits: e.n, score: average(e) }))
        .sort((a, b) => b.score - a.score || a.accessPointId.localeCompare(b.accessPointId)),
      byPartner: [...auditsByPartner.entries()]
        .map(([id, e]) => ({ partnerId: id, audits: e.n, score: average(e) }))
        .sort((a, b) => b.score - a.score || a.partnerId.localeCompare(b.partnerId)),
      byMonth: [...auditsByMonth.entries()]
        .map(([month, e]) => ({ month, audits: e.n, score: average(e) }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      byStandard: standards.rows.map((r) => ({
        standardId: r.standard,
        items: num(r.items),
        score: round1((50 * num(r.points)) / num(r.items)),
      })),
    },
    appreciative: {
      places: {
        best: rankedPlaces.slice(0, 3),
        median: rankedPlaces.length
          ? {
              accessPointId: 'median',
              partnerId: '',
              contacts: median(rankedPlaces.map((p) => p.contacts)) ?? 0,
              firstContact: medianShare(rankedPlaces.map((p) => p.firstContact)),
              satisfied: medianShare(rankedPlaces.map((p) => p.satisfied)),
              averageRating: median(
                rankedPlaces.flatMap((p) => (p.averageRating === null ? [] : [p.averageRating])),
              ),
              auditScore: median(
                rankedPlaces.flatMap((p) => (p.auditScore === null ? [] : [p.auditScore])),
              ),
            }
          : null,
      },
      teams: {
        best: teamFigures.slice(0, 3),
        median: teamFigures.length
          ? {
              partnerId: '',
              teamId: 'median',
              kept: {
                ...medianShare(teamFigures.map((t) => t.kept)),
                // The column beside it counts results: the median team's.
              },
            }
          : null,
      },
      services: {
        best: serviceFigures.slice(0, 3),
        median: serviceFigures.length
          ? {
              serviceId: 'median',
              contacts: median(serviceFigures.map((s) => s.contacts)) ?? 0,
              firstContact: medianShare(serviceFigures.map((s) => s.firstContact)),
              satisfied: medianShare(serviceFigures.map((s) => s.satisfied)),
            }
          : null,
      },
    },
  };
  dashboard.names = await namesFor(db, dashboard);
  return dashboard;
}

const FOLLOWUP_COLUMNS: Columns = {
  timestamp: 'created_at',
  partner: 'partner_id',
  accessPoint: 'access_point_id',
  service: 'service_id',
  channel: 'channel',
};
const OPEN_DUE_COLUMNS: Columns = {
  partner: 'partner_id',
  accessPoint: 'access_point_id',
  service: 'service_id',
};
const AUDIT_COLUMNS: Columns = {
  timestamp: 'visited_at',
  partner: 'partner_id',
  accessPoint: 'access_point_id',
};
const AUDIT_ITEM_COLUMNS: Columns = {
  timestamp: 'a.visited_at',
  partner: 'a.partner_id',
  accessPoint: 'a.access_point_id',
  service: 'i.service_id',
};

type FilterField = 'partner' | 'accessPoint' | 'service' | 'channel' | 'tier';
const KEY_OF: Record<FilterField, string> = {
  partner: 'partner_id',
  accessPoint: 'access_point_id',
  service: 'service_id',
  channel: 'channel',
  tier: 'tier',
};
const keyByName = (keys: readonly Column[], name: string) => keys.find((k) => k.name === name);
// What the raw rows can be filtered by; a filter a table cannot apply (feedback has no tier,
// commitments no channel) does not narrow it.
const RAW_COLUMNS: Record<RollupSpec['source'], Partial<Record<FilterField, Column>>> = {
  contacts: {
    partner: keyByName(ROLLUPS.contacts.keys, 'partner_id'),
    accessPoint: keyByName(ROLLUPS.contacts.keys, 'access_point_id'),
    service: keyByName(ROLLUPS.contactServices.keys, 'service_id'),
    channel: keyByName(ROLLUPS.contacts.keys, 'channel'),
    tier: keyByName(ROLLUPS.contacts.keys, 'tier'),
  },
  feedback: {
    partner: keyByName(ROLLUPS.feedback.keys, 'partner_id'),
    accessPoint: keyByName(ROLLUPS.feedback.keys, 'access_point_id'),
    service: keyByName(ROLLUPS.feedbackServices.keys, 'service_id'),
    channel: keyByName(ROLLUPS.feedback.keys, 'channel'),
  },
  commitment_results: {
    partner: keyByName(ROLLUPS.commitments.keys, 'partner_id'),
    accessPoint: keyByName(ROLLUPS.commitments.keys, 'access_point_id'),
    service: keyByName(ROLLUPS.commitmentServices.keys, 'service_id'),
  },
};

/**
 * How to read [from, to] from month and day rows: a run of months, day ranges to add, and day
 * ranges to take away. A month the range covers only partly is read from the days it covers,
 * or as the whole month less the days it does not, whichever reads fewer days: so a range that
 * ends today reads this month's row less the days still to come (normally none).
 */
export function periodRanges(filter: InsightFilter): {
  months: [string, string] | null;
  add: [string, string][];
  subtract: [string, string][];
} {
  const add: [string, string][] = [];
  const subtract: [string, string][] = [];
  const start = (month: string) => `${month}-01`;
  const end = (month: string) => dayBefore(`${nextMonth(start(month))}-01`);
  const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
  const fromMonth = filter.from.slice(0, 7);
  const toMonth = filter.to.slice(0, 7);
  /** Reads [a, b] within one month; true when the month's row is to be used. */
  const partial = (month: string, a: string, b: string): boolean => {
    const covered = days(a, b);
    const whole = days(start(month), end(month));
    if (covered === whole) return true;
    if (covered <= whole - covered) {
      add.push([a, b]);
      return false;
    }
    if (a > start(month)) subtract.push([start(month), dayBefore(a)]);
    if (b < end(month)) subtract.push([dayAfter(b), end(month)]);
    return true;
  };
  if (fromMonth === toMonth) {
    const whole = partial(fromMonth, filter.from, filter.to);
    return { months: whole ? [fromMonth, fromMonth] : null, add, subtract };
  }
  const first = partial(fromMonth, filter.from, end(fromMonth))
    ? fromMonth
    : nextMonth(filter.from);
  const last = partial(toMonth, start(toMonth), filter.to) ? toMonth : previousMonth(filter.to);
  return { months: first <= last ? [first, last] : null, add, subtract };
}
const nextMonth = (isoDate: string) => shiftMonths(`${isoDate.slice(0, 7)}-01`, 1).slice(0, 7);
const previousMonth = (isoDate: string) => shiftMonths(`${isoDate.slice(0, 7)}-01`, -1).slice(0, 7);
const dayBefore = (isoDate: string): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Rows of a rollup's shape for the filter and scope, as a derived table: whole months from its
 * month rows and the ragged ends from its day rows (each an index range); or, when a filter
 * names a column the rollup does not keep (a service, on the by-channel rollup), from the raw
 * rows themselves, by day, through their indexes.
 */
function source(
  specs: readonly RollupSpec[],
  filter: InsightFilter,
  scope: InsightScope,
  dialect: 'sqlite' | 'postgres',
): RawBuilder<unknown> {
  const wanted: [FilterField, string | number | readonly string[]][] = [];
  if (scope.kind === 'partner') wanted.push(['partner', scope.partnerId]);
  if (scope.kind === 'places') wanted.push(['accessPoint', scope.accessPointIds]);
  for (const field of ['partner', 'accessPoint', 'service', 'channel', 'tier'] as const) {
    const value = filter[field];
    if (value !== undefined) wanted.push([field, value]);
  }
  const last = specs.at(-1);
  if (!last) throw new Error('no rollup named');
  const raw = RAW_COLUMNS[last.source];
  const usable = wanted.filter(([field]) => raw[field] !== undefined);
  const keeps = (s: RollupSpec) => usable.every(([field]) => keyByName(s.keys, KEY_OF[field]));
  const fitting = specs.find(keeps);
  const spec = fitting ?? last;
  const fromRaw = fitting === undefined;
  const condition = (expr: (field: FilterField) => string) =>
    sql.join(
      [
        sql`1 = 1`,
        ...usable.map(([field, value]) =>
          Array.isArray(value)
            ? value.length === 0
              ? sql`1 = 0`
              : sql`${sql.raw(expr(field))} in (${sql.join(value as string[])})`
            : sql`${sql.raw(expr(field))} = ${value}`,
        ),
      ],
      sql` and `,
    );
  const names = [...spec.keys, ...spec.measures].map((c) => c.name).join(', ');
  if (fromRaw) {
    const columns = [
      `substr(s.${spec.time}, 1, 10) as period`,
      ...spec.keys.map((k) => `${k.expr('s', dialect)} as ${k.name}`),
      ...spec.measures.map((m) => `${m.expr('s', dialect)} as ${m.name}`),
    ].join(', ');
    return sql`(select ${sql.raw(columns)} from ${sql.table(spec.source)} s
      where ${sql.ref(`s.${spec.time}`)} >= ${filter.from}
        and ${sql.ref(`s.${spec.time}`)} < ${dayAfter(filter.to)}
        and ${sql.raw(spec.where ? spec.where('s') : '1 = 1')}
        and ${condition((field) => (raw[field] as Column).expr('s', dialect))}) src`;
  }
  const { months, add, subtract } = periodRanges(filter);
  const negated = [...spec.keys.map((k) => k.name), ...spec.measures.map((m) => `-${m.name}`)].join(
    ', ',
  );
  const ranges: [string, string, string, string][] = [
    ...(months ? [['month', ...months, names] as [string, string, string, string]] : []),
    ...add.map(([a, b]) => ['day', a, b, names] as [string, string, string, string]),
    ...subtract.map(([a, b]) => ['day', a, b, negated] as [string, string, string, string]),
  ];
  const branches = ranges.map(
    ([
      grain,
      a,
      b,
      columns,
    ]) => sql`select period, ${sql.raw(columns)} from ${sql.raw(rollupFrom(spec, dialect))} r
      where grain = ${grain} and period >= ${a} and period <= ${b}
        and ${condition((field) => KEY_OF[field])}`,
  );
  return sql`(${sql.join(branches, sql` union all `)}) src`;
}

/** The caller's scope and the partner and place filters, on insight_customer_months. */
function scopedCustomers(filter: InsightFilter, scope: InsightScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (scope.kind === 'partner') parts.push(sql`partner_id = ${scope.partnerId}`);
  if (scope.kind === 'places') {
    parts.push(
      scope.accessPointIds.length
        ? sql`access_point_id in (${sql.join(scope.accessPointIds)})`
        : sql`1 = 0`,
    );
  }
  if (filter.partner) parts.push(sql`partner_id = ${filter.partner}`);
  if (filter.accessPoint) parts.push(sql`access_point_id = ${filter.accessPoint}`);
  return sql.join(parts, sql` and `);
}

/**
 * Channel shift, per customer, in the database: face-to-face contacts in the earlier period;
 * contacts in the later period on channels costing as much as face-to-face or more ("costly",
 * face-to-face itself included) and on cheaper ones; what the cheaper ones saved against
 * face-to-face; and each channel's later count. Only customers seen face-to-face earlier.
 */
function channelUse(
  filter: InsightFilter,
  scope: InsightScope,
  periods: ReturnType<typeof shiftPeriods>,
  costs: Record<string, number>,
  dialect: 'sqlite' | 'postgres',
) {
  const { earlier, later } = periods;
  const f2f = costs['face-to-face'] ?? 0;
  const cheaper = CHANNELS.filter((c) => (costs[c] ?? 0) < f2f);
  const costly = CHANNELS.filter((c) => !cheaper.includes(c));
  const total = (channels: readonly string[]) =>
    channels.length ? channels.map(channelColumn).join(' + ') : '0';
  // Unit costs are whole pence checked on the way in: safe to write as literals.
  const saving = cheaper.length
    ? cheaper.map((c) => `${channelColumn(c)} * ${f2f - (costs[c] ?? 0)}`).join(' + ')
    : '0';
  const late = (expr: string) =>
    sql.raw(`case when period >= '${later.from}' then ${expr} else 0 end`);
  const scoped = scopedCustomers(filter, scope);
  // Four sums per customer, in the rollup's customer order: no sort, no per-channel columns
  // (the movers' channels are looked up afterwards, for the hundred listed).
  return sql<{
    customer_id: string;
    early_f2f: Num;
    late_costly: Num;
    late_cheaper: Num;
    saving: Num;
  }>`
    select customer_id,
      sum(case when period <= ${earlier.to} then ch_face_to_face else 0 end) as early_f2f,
      sum(${late(total(costly))}) as late_costly,
      sum(${late(total(cheaper))}) as late_cheaper,
      sum(${late(saving)}) as saving
    from ${sql.raw(rollupFrom(ROLLUPS.customerMonths, dialect))} r
    where grain = 'month' and period >= ${earlier.from} and period <= ${later.to} and ${scoped}
    group by customer_id
    having sum(case when period <= ${earlier.to} then ch_face_to_face else 0 end) > 0`;
}

// Names in English for the CSV files and as the screen's fallback, cached per pack version.
let packNames: { version: number; names: Map<string, string> } | null = null;

async function namesFor(db: Db, d: Dashboard): Promise<Record<string, string>> {
  const version = Number(
    (
      await db
        .selectFrom('pack_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .executeTakeFirst()
    )?.v ?? 0,
  );
  if (packNames?.version !== version) {
    const names = new Map<string, string>();
    for (const row of await currentPackRows(db, 'partners')) {
      if (Number(row.deleted) || !row.data) continue;
      const partner = JSON.parse(row.data) as Partner;
      names.set(partner.id, partner.name.en);
      for (const team of partner.teams) names.set(`${partner.id}/${team.id}`, team.name.en);
    }
    for (const row of await currentPackRows(db, 'services')) {
      if (Number(row.deleted) || !row.data) continue;
      const service = JSON.parse(row.data) as Service;
      names.set(service.id, service.name.en);
    }
    packNames = { version, names };
  }
  const wanted = new Set<string>();
  for (const rows of [
    d.satisfaction.byAccessPoint,
    d.volumes.byAccessPoint,
    d.audits.byAccessPoint,
    d.appreciative.places.best,
  ]) {
    for (const r of rows) wanted.add(r.accessPointId);
  }
  for (const r of [...d.commitments.byTeam, ...d.appreciative.teams.best]) {
    wanted.add(r.partnerId);
    wanted.add(`${r.partnerId}/${r.teamId}`);
  }
  for (const r of [
    ...d.commitments.byService,
    ...d.volumes.byService,
    ...d.appreciative.services.best,
  ]) {
    wanted.add(r.serviceId);
  }
  for (const r of d.audits.byPartner) wanted.add(r.partnerId);
  const out: Record<string, string> = {};
  const places = await db.selectFrom('access_points').select(['id', 'name']).execute();
  for (const place of places) if (wanted.has(place.id)) out[place.id] = place.name;
  for (const id of wanted) {
    const name = packNames.names.get(id);
    if (name !== undefined && out[id] === undefined) out[id] = name;
  }
  return out;
}

/** Rows of history to load in bulk (the demo seed): the triggers keep the rollups. */
export interface InsightHistory {
  customers?: CustomersTable[];
  contacts?: ContactsTable[];
  feedback?: FeedbackTable[];
  followups?: FollowupsTable[];
  cases?: CasesTable[];
  caseEvents?: Omit<CaseEventsTable, 'seq'>[];
  commitmentResults?: CommitmentResultsTable[];
  openDues?: InsightOpenDuesTable[];
  audits?: AuditsTable[];
  auditItems?: AuditItemsTable[];
}

export async function insertInsightHistory(db: Db, history: InsightHistory): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // In this order: a commitment result's trigger looks up its case's door.
    const tables = [
      ['customers', history.customers],
      ['contacts', history.contacts],
      ['feedback', history.feedback],
      ['followups', history.followups],
      ['cases', history.cases],
      ['case_events', history.caseEvents],
      ['insight_open_dues', history.openDues],
      ['commitment_results', history.commitmentResults],
      ['audits', history.audits],
      ['audit_items', history.auditItems],
    ] as const;
    for (const [table, rows] of tables) {
      // 500 rows of up to 20 columns stays under SQLite's 32,766 bound parameters.
      for (let i = 0; rows && i < rows.length; i += 500) {
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + 500) as never)
          .execute();
      }
    }
  });
}
