// How the dashboards read their figures: each a GROUP BY in the database, over the rollups of
// migration 0017 where the raw rows are many (contacts, feedback, commitment results) and over
// the raw rows where they are few (follow-ups, audits, open commitments). A date range is read
// as whole months from a rollup's month rows and its ragged ends from the day rows; a filter a
// rollup does not keep (a service, on the by-channel rollup) is read from the raw rows.
import { sql, type RawBuilder } from 'kysely';
import { CHANNELS } from '../../../shared/channels.ts';
import {
  shiftMonths,
  shiftPeriods,
  type InsightFilter,
  type InsightScope,
} from '../../../shared/insight.ts';
import type { Dialect } from '../../platform/store/core-store.ts';
import {
  ROLLUPS,
  channelColumn,
  rollupFrom,
  type Column,
  type RollupSpec,
} from './insight-rollups.ts';

export type Num = number | string | null;
export const num = (value: Num | undefined): number => Number(value ?? 0);

/** The day after an inclusive YYYY-MM-DD end, for comparing full timestamps. */
const dayAfter = (isoDate: string): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface Columns {
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
export function where(
  columns: Columns,
  filter: InsightFilter,
  scope: InsightScope,
): RawBuilder<unknown> {
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
export function source(
  specs: readonly RollupSpec[],
  filter: InsightFilter,
  scope: InsightScope,
  dialect: Dialect,
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
export function scopedCustomers(filter: InsightFilter, scope: InsightScope): RawBuilder<unknown> {
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
export function channelUse(
  filter: InsightFilter,
  scope: InsightScope,
  periods: ReturnType<typeof shiftPeriods>,
  costs: Record<string, number>,
  dialect: Dialect,
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
