// The dashboards, one function per section: volumes and cost to serve, satisfaction, the
// follow-up survey, commitments, channel shift and mystery-shopping audits, each reading its own
// GROUP BYs (insight-reads.ts); then the appreciative view, which ranks places, teams and
// services from what the others found, and the names of everything shown. What the database
// returns is a few thousand grouped rows at most, only summed into the dashboard's shape here.
import { sql, type Kysely } from 'kysely';
import { CHANNELS } from '../../../shared/channels.ts';
import {
  MIN_SAMPLE,
  customerRef,
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
import type { Dialect } from '../../platform/store/core-store.ts';
import { currentPackRecords, latestPackVersion } from '../../platform/store/pack-rows.ts';
import type { Database } from '../../platform/store/schema.ts';
import {
  channelUse,
  num,
  scopedCustomers,
  source,
  where,
  type Columns,
  type Num,
} from './insight-reads.ts';
import { ROLLUPS, channelColumn, rollupFrom, type RollupName } from './insight-rollups.ts';

type Db = Kysely<Database>;

/** What every section reads with: the filter, the caller's scope, the unit costs. */
interface Reading {
  db: Db;
  dialect: Dialect;
  filter: InsightFilter;
  scope: InsightScope;
  now: string;
  unitCosts: Record<string, number>;
  /** The first rollup that keeps every filter in force; the raw rows when none does. */
  from: (...names: RollupName[]) => ReturnType<typeof source>;
}

/** Contacts (or responses, audits…) and a second sum, per key. */
type Tally<K> = Map<K, { n: number; extra: number }>;

export async function insightDashboard(
  db: Db,
  dialect: Dialect,
  unitCosts: Record<string, number>,
  filter: InsightFilter,
  scope: InsightScope,
  now: string,
): Promise<Dashboard> {
  const reading: Reading = {
    db,
    dialect,
    filter,
    scope,
    now,
    unitCosts,
    from: (...names) =>
      source(
        names.map((n) => ROLLUPS[n]),
        filter,
        scope,
        dialect,
      ),
  };
  // Independent reads: on PostgreSQL they run side by side on the pool's connections.
  const [volumes, satisfaction, followups, commitments, channelShift, audits] = await Promise.all([
    volumesSection(reading),
    satisfactionSection(reading),
    followupsSection(reading),
    commitmentsSection(reading),
    channelShiftSection(reading),
    auditsSection(reading),
  ]);
  const dashboard: Dashboard = {
    filter,
    scope: scope.kind,
    names: {},
    satisfaction: satisfaction.section,
    followups,
    commitments: commitments.section,
    volumes: volumes.volumes,
    cost: volumes.cost,
    channelShift,
    audits: audits.section,
    appreciative: appreciativeSection(volumes, satisfaction, commitments, audits),
  };
  dashboard.names = await namesFor(db, dashboard);
  return dashboard;
}

// ---- volumes, first-contact resolution, cost to serve ----

async function volumesSection({ db, from, unitCosts }: Reading) {
  const [{ rows: cube }, { rows: services }] = await Promise.all([
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
  ]);
  type Row = (typeof cube)[number];
  const firstOf = (r: Row) => num(r.first);
  const total = cube.reduce((s, r) => s + num(r.n), 0);
  const firstTotal = cube.reduce((s, r) => s + firstOf(r), 0);
  const byChannel = sumBy(cube, (r) => r.channel);
  const byTier = sumBy(cube, (r) => num(r.tier));
  const byPlace = sumBy(cube, (r) => r.ap, firstOf);
  const byMonth = sumBy(cube, (r) => r.month, firstOf);
  const f2fByMonth = sumBy(
    cube.filter((r) => r.channel === 'face-to-face'),
    (r) => r.month,
  );
  const costByMonth = sumBy(
    cube,
    (r) => r.month,
    (r) => num(r.n) * (unitCosts[r.channel] ?? 0),
  );
  const volumes: Dashboard['volumes'] = {
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
    byService: services
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
  };
  const cost: Dashboard['cost'] = {
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
  };
  return {
    volumes,
    cost,
    /** Contacts and first-contact resolutions per place. */
    byPlace,
    partnerOfPlace: new Map(cube.map((r) => [r.ap, r.partner])),
    services,
  };
}

// ---- satisfaction (the four faces) ----

async function satisfactionSection({ db, from }: Reading) {
  const [{ rows: cube }, { rows: reasons }, { rows: services }] = await Promise.all([
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
  ]);
  type Row = (typeof cube)[number];
  const satisfiedOf = (r: Row) => (num(r.rating) >= 3 ? num(r.n) : 0);
  const ratingSum = (r: Row) => num(r.rating) * num(r.n);
  const byPlace = sumBy(cube, (r) => r.ap, satisfiedOf);
  const ratingByPlace = sumBy(cube, (r) => r.ap, ratingSum);
  const byMonth = sumBy(cube, (r) => r.month, satisfiedOf);
  const ratingByMonth = sumBy(cube, (r) => r.month, ratingSum);
  const byRating = sumBy(cube, (r) => num(r.rating));
  const section: Dashboard['satisfaction'] = {
    distribution: [4, 3, 2, 1].map((rating) => ({
      rating,
      responses: byRating.get(rating)?.n ?? 0,
    })),
    byAccessPoint: [...byPlace.entries()]
      .map(([id, e]) => ({
        accessPointId: id,
        responses: e.n,
        satisfied: e.extra,
        average: round1((ratingByPlace.get(id)?.extra ?? 0) / e.n),
      }))
      .sort(
        (a, b) =>
          b.satisfied / b.responses - a.satisfied / a.responses ||
          a.accessPointId.localeCompare(b.accessPointId),
      ),
    byMonth: [...byMonth.entries()]
      .map(([month, e]) => ({
        month,
        responses: e.n,
        satisfied: e.extra,
        average: round1((ratingByMonth.get(month)?.extra ?? 0) / e.n),
      }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    reasons: reasons.map((r) => ({ reason: r.reason, responses: num(r.n), poor: num(r.poor) })),
  };
  return {
    section,
    /** Responses and satisfied responses per place. */
    byPlace,
    ratingByPlace,
    byService: new Map(services.map((r) => [r.service, share(num(r.satisfied), num(r.n))])),
  };
}

// ---- the 48-hour follow-up survey ----

const FOLLOWUP_COLUMNS: Columns = {
  timestamp: 'created_at',
  partner: 'partner_id',
  accessPoint: 'access_point_id',
  service: 'service_id',
  channel: 'channel',
};

async function followupsSection({ db, filter, scope }: Reading): Promise<Dashboard['followups']> {
  const { rows } = await sql<{
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
    group by access_point_id`.execute(db);
  const sum = (column: Exclude<keyof (typeof rows)[number], 'ap'>) =>
    rows.reduce((s, r) => s + num(r[column]), 0);
  return {
    created: sum('created'),
    sent: sum('sent'),
    answered: sum('answered'),
    courteous: share(sum('courteous'), sum('courteous_of')),
    solved: share(sum('solved'), sum('solved_of')),
    byAccessPoint: rows
      .map((r) => ({
        accessPointId: r.ap,
        sent: num(r.sent),
        answered: num(r.answered),
        courteous: share(num(r.courteous), num(r.courteous_of)),
        solved: share(num(r.solved), num(r.solved_of)),
      }))
      .sort((a, b) => a.accessPointId.localeCompare(b.accessPointId)),
  };
}

// ---- commitments: kept and missed, at risk and breached now ----

const OPEN_DUE_COLUMNS: Columns = {
  partner: 'partner_id',
  accessPoint: 'access_point_id',
  service: 'service_id',
};

interface CommitmentTally {
  kept: number;
  missed: number;
  atRisk: number;
  breached: number;
}

const teamKey = (partner: string, team: string) => `${partner}/${team}`;

async function commitmentsSection({ db, from, filter, scope, now }: Reading) {
  const [{ rows: byTeam }, { rows: byService }, { rows: openDues }] = await Promise.all([
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
  ]);
  const teams = new Map<string, CommitmentTally & { partnerId: string; teamId: string }>();
  const services = new Map<string, CommitmentTally & { serviceId: string }>();
  const empty = (): CommitmentTally => ({ kept: 0, missed: 0, atRisk: 0, breached: 0 });
  const teamOf = (partnerId: string, teamId: string) => {
    const key = teamKey(partnerId, teamId);
    const row = teams.get(key) ?? { partnerId, teamId, ...empty() };
    teams.set(key, row);
    return row;
  };
  const serviceOf = (serviceId: string) => {
    const row = services.get(serviceId) ?? { serviceId, ...empty() };
    services.set(serviceId, row);
    return row;
  };
  for (const r of byTeam) {
    const row = teamOf(r.partner, r.team);
    row.kept += num(r.kept);
    row.missed += num(r.missed);
  }
  for (const r of byService) {
    const row = serviceOf(r.service);
    row.kept += num(r.kept);
    row.missed += num(r.missed);
  }
  for (const r of openDues) {
    for (const row of [teamOf(r.partner, r.team), serviceOf(r.service)]) {
      row.atRisk += num(r.at_risk);
      row.breached += num(r.breached);
    }
  }
  const byTrouble = (a: CommitmentTally, b: CommitmentTally) =>
    b.breached - a.breached || b.missed - a.missed;
  const section: Dashboard['commitments'] = {
    byTeam: [...teams.values()].sort(
      (a, b) =>
        byTrouble(a, b) ||
        teamKey(a.partnerId, a.teamId).localeCompare(teamKey(b.partnerId, b.teamId)),
    ),
    byService: [...services.values()].sort(
      (a, b) => byTrouble(a, b) || a.serviceId.localeCompare(b.serviceId),
    ),
  };
  return { section, teams };
}

// ---- channel shift: per customer in the database, then sorted into groups ----

async function channelShiftSection({
  db,
  dialect,
  filter,
  scope,
  unitCosts,
}: Reading): Promise<Dashboard['channelShift']> {
  const periods = shiftPeriods(filter);
  const { rows: customers } = await channelUse(filter, scope, periods, unitCosts, dialect).execute(
    db,
  );
  const groups = { moved: 0, both: 0, stayed: 0, notSeen: 0, saving: 0 };
  const movers: Dashboard['channelShift']['people'] = [];
  for (const c of customers) {
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
  const moverIds = new Map(listed.map((m) => [m.customerRef, m]));
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
  return {
    ...periods,
    faceToFaceEarlier: customers.length,
    ...groups,
    people: listed,
  };
}

// ---- mystery-shopping audits ----

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

async function auditsSection({ db, filter, scope }: Reading) {
  const [{ rows: cube }, { rows: standards }] = await Promise.all([
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
  const audits = cube.map((r) => ({ ...r, n: r.audits }));
  const total = (r: (typeof audits)[number]) => num(r.total);
  const byPlace = sumBy(audits, (r) => r.ap, total);
  const byPartner = sumBy(audits, (r) => r.partner, total);
  const byMonth = sumBy(audits, (r) => r.month, total);
  const section: Dashboard['audits'] = {
    byAccessPoint: [...byPlace.entries()]
      .map(([id, e]) => ({ accessPointId: id, audits: e.n, score: average(e) }))
      .sort((a, b) => b.score - a.score || a.accessPointId.localeCompare(b.accessPointId)),
    byPartner: [...byPartner.entries()]
      .map(([id, e]) => ({ partnerId: id, audits: e.n, score: average(e) }))
      .sort((a, b) => b.score - a.score || a.partnerId.localeCompare(b.partnerId)),
    byMonth: [...byMonth.entries()]
      .map(([month, e]) => ({ month, audits: e.n, score: average(e) }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    byStandard: standards.map((r) => ({
      standardId: r.standard,
      items: num(r.items),
      score: round1((50 * num(r.points)) / num(r.items)),
    })),
  };
  return { section, byPlace };
}

// ---- the appreciative view: who does best, beside the median ----

function appreciativeSection(
  volumes: Awaited<ReturnType<typeof volumesSection>>,
  satisfaction: Awaited<ReturnType<typeof satisfactionSection>>,
  commitments: Awaited<ReturnType<typeof commitmentsSection>>,
  audits: Awaited<ReturnType<typeof auditsSection>>,
): Dashboard['appreciative'] {
  const placeIds = new Set([
    ...volumes.byPlace.keys(),
    ...satisfaction.byPlace.keys(),
    ...audits.byPlace.keys(),
  ]);
  const places: PlaceFigures[] = [...placeIds].map((id) => {
    const contacts = volumes.byPlace.get(id);
    const responses = satisfaction.byPlace.get(id);
    const audit = audits.byPlace.get(id);
    return {
      accessPointId: id,
      partnerId: volumes.partnerOfPlace.get(id) ?? '',
      contacts: contacts?.n ?? 0,
      firstContact: share(contacts?.extra ?? 0, contacts?.n ?? 0),
      satisfied: share(responses?.extra ?? 0, responses?.n ?? 0),
      averageRating: responses
        ? round1((satisfaction.ratingByPlace.get(id)?.extra ?? 0) / responses.n)
        : null,
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
  const teams: TeamFigures[] = [...commitments.teams.values()]
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
  const services: ServiceFigures[] = volumes.services
    .map((r) => ({
      serviceId: r.service,
      contacts: num(r.n),
      firstContact: share(num(r.first), num(r.n)),
      satisfied: satisfaction.byService.get(r.service) ?? share(0, 0),
    }))
    .filter((s) => s.contacts >= MIN_SAMPLE)
    .sort(
      (a, b) =>
        ratio(b.firstContact) - ratio(a.firstContact) ||
        ratio(b.satisfied) - ratio(a.satisfied) ||
        a.serviceId.localeCompare(b.serviceId),
    );
  const present = (values: (number | null)[]) =>
    values.flatMap((value) => (value === null ? [] : [value]));
  return {
    places: {
      best: rankedPlaces.slice(0, 3),
      median: rankedPlaces.length
        ? {
            accessPointId: 'median',
            partnerId: '',
            contacts: median(rankedPlaces.map((p) => p.contacts)) ?? 0,
            firstContact: medianShare(rankedPlaces.map((p) => p.firstContact)),
            satisfied: medianShare(rankedPlaces.map((p) => p.satisfied)),
            averageRating: median(present(rankedPlaces.map((p) => p.averageRating))),
            auditScore: median(present(rankedPlaces.map((p) => p.auditScore))),
          }
        : null,
    },
    teams: {
      best: teams.slice(0, 3),
      // The column beside it counts results: the median team's.
      median: teams.length
        ? { partnerId: '', teamId: 'median', kept: medianShare(teams.map((t) => t.kept)) }
        : null,
    },
    services: {
      best: services.slice(0, 3),
      median: services.length
        ? {
            serviceId: 'median',
            contacts: median(services.map((s) => s.contacts)) ?? 0,
            firstContact: medianShare(services.map((s) => s.firstContact)),
            satisfied: medianShare(services.map((s) => s.satisfied)),
          }
        : null,
    },
  };
}

// ---- names: in English for the CSV files and as the screen's fallback ----

/** The pack's names, cached per pack version. */
let packNames: { version: number; names: Map<string, string> } | null = null;

async function namesFor(db: Db, d: Dashboard): Promise<Record<string, string>> {
  const version = await latestPackVersion(db);
  if (packNames?.version !== version) {
    const names = new Map<string, string>();
    for (const partner of await currentPackRecords<Partner>(db, 'partners')) {
      names.set(partner.id, partner.name.en);
      for (const team of partner.teams) names.set(`${partner.id}/${team.id}`, team.name.en);
    }
    for (const service of await currentPackRecords<Service>(db, 'services')) {
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

// ---- arithmetic ----

function sumBy<R extends { n: Num }, K>(
  rows: readonly R[],
  key: (row: R) => K,
  extra?: (row: R) => number,
): Tally<K> {
  const out: Tally<K> = new Map();
  for (const row of rows) {
    const k = key(row);
    const entry = out.get(k) ?? { n: 0, extra: 0 };
    entry.n += num(row.n);
    entry.extra += extra ? extra(row) : 0;
    out.set(k, entry);
  }
  return out;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const average = (e: { n: number; extra: number }) => round1(e.extra / e.n);
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
