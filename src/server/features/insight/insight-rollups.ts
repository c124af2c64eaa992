// The insight dashboards' rollups: sums of contacts, feedback and kept/missed commitments per
// month and per day, by the dimensions the dashboards group by; and each customer's channel use
// per month. A dashboard reads whole months from the month rows and the ragged ends of its date
// range from the day rows, so a six-month view reads a few thousand rows, not a million.
//
// They are kept by database triggers (made by migrations 0017 to 0019, frozen SQL: ROLLUPS
// describes those tables for the dashboards, the fold and the tests that check them), so they
// change in the same transaction as the rows they count, whoever writes them: a sync push, another feature's write path (feedback, customer
// merges and erasures move or clear contacts.customer_id), a bulk load or a hand-run fix.
// SQLite has row triggers only (one writer, so it upserts the rollups directly). PostgreSQL
// uses statement triggers over transition tables that only APPEND one grouped row per key to a
// `<rollup>_delta` table: many servers syncing at once take no shared row lock (an upsert would
// hold the row of today's busiest service until its transaction commits, and every other sync
// counting that service would queue behind it). `foldInsightDeltas` moves the deltas into the
// rollups every second; readers sum rollup and delta, so they see exact figures either way.
import { sql, type Kysely } from 'kysely';
import { CHANNELS } from '../../../shared/channels.ts';
import { FIRST_CONTACT_OUTCOMES } from '../../../shared/insight.ts';

type Dialect = 'sqlite' | 'postgres';
export type Grain = 'month' | 'day';

export interface Column {
  name: string;
  type: 'text' | 'integer';
  /** The value for source row `r` ("new"/"old" in SQLite, an alias in PostgreSQL). */
  expr: (r: string, dialect: Dialect) => string;
}

export interface RollupSpec {
  table: string;
  source: 'contacts' | 'feedback' | 'commitment_results';
  /** The timestamp whose month and day are the periods. */
  time: string;
  grains: readonly Grain[];
  keys: Column[];
  measures: Column[];
  /** Which source rows count (all when absent). */
  where?: (r: string) => string;
  /**
   * The table's key order is (grain, keys…, period), not (grain, period, keys…): a rollup read
   * grouped by its first key over the whole range (per customer) gets its rows in group order.
   */
  periodLast?: boolean;
}

const col = (name: string, type: Column['type'] = 'text'): Column => ({
  name,
  type,
  expr: (r) => `${r}.${name}`,
});
const orEmpty = (name: string): Column => ({
  name,
  type: 'text',
  expr: (r) => `coalesce(${r}.${name}, '')`,
});
const measure = (name: string, expr: (r: string) => string): Column => ({
  name,
  type: 'integer',
  expr,
});
const one = measure('n', () => '1');
// A contact's partner is its access point's (contacts do not carry it).
const partnerOfPlace: Column = {
  name: 'partner_id',
  type: 'text',
  expr: (r) =>
    `coalesce((select partner_id from access_points where id = ${r}.access_point_id), '')`,
};
const firstContact = measure(
  'first_contact',
  (r) =>
    `case when ${r}.outcome in (${FIRST_CONTACT_OUTCOMES.map((o) => `'${o}'`).join(', ')}) then 1 else 0 end`,
);
// Owners are "partner/team".
const ownerPartner: Column = {
  name: 'partner_id',
  type: 'text',
  expr: (r, d) =>
    d === 'sqlite'
      ? `substr(${r}.owner, 1, instr(${r}.owner, '/') - 1)`
      : `split_part(${r}.owner, '/', 1)`,
};
const ownerTeam: Column = {
  name: 'team_id',
  type: 'text',
  expr: (r, d) =>
    d === 'sqlite'
      ? `substr(${r}.owner, instr(${r}.owner, '/') + 1)`
      : `split_part(${r}.owner, '/', 2)`,
};
// The door that captured the case.
const casePlace: Column = {
  name: 'access_point_id',
  type: 'text',
  expr: (r) => `coalesce((select access_point_id from cases where id = ${r}.case_id), '')`,
};
// A good rating (3 or 4 of four faces) counts as satisfied.
const satisfied = measure('satisfied', (r) => `case when ${r}.rating >= 3 then 1 else 0 end`);
const kept = measure('kept', (r) => `${r}.kept`);
const missed = measure('missed', (r) => `1 - ${r}.kept`);

/** The column of a channel's count in insight_customer_months. */
export const channelColumn = (channel: string): string => `ch_${channel.replace(/-/g, '_')}`;

const BOTH: Grain[] = ['month', 'day'];

export const ROLLUPS = {
  contacts: {
    table: 'insight_contacts',
    source: 'contacts',
    time: 'created_at',
    grains: BOTH,
    keys: [partnerOfPlace, col('access_point_id'), col('channel'), col('tier', 'integer')],
    measures: [one, firstContact],
  },
  contactServices: {
    table: 'insight_contact_services',
    source: 'contacts',
    time: 'created_at',
    grains: BOTH,
    keys: [partnerOfPlace, col('access_point_id'), col('service_id')],
    measures: [one, firstContact],
  },
  // Per service for every partner and place at once: the franchisor's unfiltered view reads
  // a row per service and month, not one per service, place and month.
  contactServiceTotals: {
    table: 'insight_contact_service_totals',
    source: 'contacts',
    time: 'created_at',
    grains: BOTH,
    keys: [col('service_id')],
    measures: [one, firstContact],
  },
  customerMonths: {
    // Channel shift is measured per person: each customer's contacts per month and channel.
    table: 'insight_customer_months',
    source: 'contacts',
    time: 'created_at',
    grains: ['month'],
    keys: [col('customer_id'), partnerOfPlace, col('access_point_id')],
    measures: CHANNELS.map((channel) =>
      measure(
        channelColumn(channel),
        (r) => `case when ${r}.channel = '${channel}' then 1 else 0 end`,
      ),
    ),
    where: (r) => `${r}.customer_id is not null`,
    periodLast: true,
  },
  feedback: {
    table: 'insight_feedback',
    source: 'feedback',
    time: 'created_at',
    grains: BOTH,
    keys: [
      col('partner_id'),
      col('access_point_id'),
      col('channel'),
      col('rating', 'integer'),
      orEmpty('reason'),
    ],
    measures: [one],
  },
  feedbackServices: {
    table: 'insight_feedback_services',
    source: 'feedback',
    time: 'created_at',
    grains: BOTH,
    keys: [col('partner_id'), col('access_point_id'), orEmpty('service_id')],
    measures: [one, satisfied],
  },
  feedbackServiceTotals: {
    table: 'insight_feedback_service_totals',
    source: 'feedback',
    time: 'created_at',
    grains: BOTH,
    keys: [orEmpty('service_id')],
    measures: [one, satisfied],
  },
  commitments: {
    table: 'insight_commitments',
    source: 'commitment_results',
    time: 'done_at',
    grains: BOTH,
    keys: [ownerPartner, ownerTeam, casePlace],
    measures: [kept, missed],
  },
  commitmentServices: {
    table: 'insight_commitment_services',
    source: 'commitment_results',
    time: 'done_at',
    grains: BOTH,
    keys: [ownerPartner, col('service_id'), casePlace],
    measures: [kept, missed],
  },
  commitmentServiceTotals: {
    table: 'insight_commitment_service_totals',
    source: 'commitment_results',
    time: 'done_at',
    grains: BOTH,
    keys: [col('service_id')],
    measures: [kept, missed],
  },
} satisfies Record<string, RollupSpec>;

export type RollupName = keyof typeof ROLLUPS;

const periodExpr = (spec: RollupSpec, r: string, grain: Grain) =>
  `substr(${r}.${spec.time}, 1, ${grain === 'month' ? 7 : 10})`;

/** A rollup row's identity: grain, period and the spec's keys (slot aside). */
const rowKey = (spec: RollupSpec): string[] => ['grain', 'period', ...spec.keys.map((k) => k.name)];

/** PostgreSQL since migration 0019: where a rollup's triggers append (see the header). */
export const deltaTable = (spec: RollupSpec): string => `${spec.table}_delta`;

/** A rollup's rows of one grain computed from its source rows, in key order. */
export function rawRollupSql(spec: RollupSpec, dialect: Dialect, grain: Grain): string {
  const positions = spec.keys.map((_, i) => i + 3).join(', ');
  return `select '${grain}' as grain, ${periodExpr(spec, 's', grain)} as period,
      ${spec.keys.map((k) => `${k.expr('s', dialect)} as ${k.name}`).join(', ')},
      ${spec.measures.map((m) => `sum(${m.expr('s', dialect)}) as ${m.name}`).join(', ')}
    from ${spec.source} s where ${spec.where ? spec.where('s') : '1 = 1'}
    group by 1, 2, ${positions} order by 1, 2, ${positions}`;
}

/**
 * What to read a rollup from: on PostgreSQL its rows and its unfolded deltas (the sums are
 * exact at every moment: a fold moves rows from one to the other in one transaction).
 */
export function rollupFrom(spec: RollupSpec, dialect: Dialect): string {
  if (dialect === 'sqlite') return spec.table;
  const names = [...rowKey(spec), ...spec.measures.map((m) => m.name)].join(', ');
  return `(select ${names} from ${spec.table} union all select ${names} from ${deltaTable(spec)})`;
}

/** The rollup's stored rows of one grain that count anything (slots summed), in key order. */
export function storedRollupSql(spec: RollupSpec, grain: Grain, dialect: Dialect): string {
  const names = rowKey(spec).join(', ');
  return `select ${names}, ${spec.measures.map((m) => `sum(${m.name}) as ${m.name}`).join(', ')}
    from ${rollupFrom(spec, dialect)} r where grain = '${grain}' group by ${names}
    having ${spec.measures.map((m) => `sum(${m.name}) <> 0`).join(' or ')}
    order by ${names}`;
}

/** Any fixed key ("fold"): one folder at a time across every server process. */
const FOLD_LOCK = 0x666f6c64;

/**
 * PostgreSQL: moves every committed delta row into its rollup (slot 0), in one transaction, so a
 * reader sees each count in exactly one of the two. Only one process folds at a time; the others
 * return at once. The fold is the rollups' only writer, so it waits for no sync. Returns the
 * number of delta rows moved from each delta table (none on SQLite).
 */
export async function foldInsightDeltas(
  db: Kysely<unknown>,
  dialect: Dialect,
): Promise<Map<string, number>> {
  const moved = new Map<string, number>();
  if (dialect === 'sqlite') return moved;
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(${FOLD_LOCK}::bigint) as ok`.execute(trx);
    if (!lock.rows[0]?.ok) return moved;
    for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
      const keyNames = rowKey(spec);
      const positions = keyNames.map((_, i) => i + 1).join(', ');
      const measures = spec.measures.map((m) => m.name);
      const result = await sql
        .raw(
          `with moved as (delete from ${deltaTable(spec)} returning *),
          counted as (select count(*) as n from moved),
          folded as (
            insert into ${spec.table} as r (${keyNames.join(', ')}, slot, ${measures.join(', ')})
            select ${keyNames.join(', ')}, 0, ${measures.map((m) => `sum(${m})`).join(', ')}
            from moved group by ${positions} order by ${positions}
            on conflict (${[...keyNames, 'slot'].join(', ')})
            do update set ${measures.map((m) => `${m} = r.${m} + excluded.${m}`).join(', ')})
          select n from counted`,
        )
        .execute(trx);
      const n = Number((result.rows[0] as { n: string | number } | undefined)?.n ?? 0);
      if (n > 0) moved.set(deltaTable(spec), n);
    }
    return moved;
  });
}

/**
 * Deleted delta rows stay in the table's pages until a vacuum, and readers scan those pages:
 * after a bulk load's fold an empty delta table still took 240 ms to read. A vacuum right after
 * a big fold gives the pages back (autovacuum keeps up with the steady trickle). It never waits
 * for a lock it cannot have (skip_locked), and may not run in a transaction.
 */
export async function vacuumDeltas(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  const known = new Set((Object.values(ROLLUPS) as RollupSpec[]).map(deltaTable));
  for (const table of tables) {
    if (!known.has(table)) throw new Error(`not a delta table: ${table}`);
    await sql.raw(`vacuum (skip_locked) ${table}`).execute(db);
  }
}

/** A delta table is vacuumed after this many of its rows were folded out (a few hundred pages). */
const VACUUM_AFTER_FOLDED = 50_000;

/**
 * One fold (foldInsightDeltas), then a vacuum of each delta table that has had enough rows
 * folded out since its last one (`foldedSinceVacuum`, kept per process). Returns how many
 * delta rows moved.
 */
export async function foldInsight(
  db: Kysely<unknown>,
  dialect: Dialect,
  foldedSinceVacuum: Map<string, number>,
): Promise<number> {
  const moved = await foldInsightDeltas(db, dialect);
  const due: string[] = [];
  for (const [table, n] of moved) {
    const total = (foldedSinceVacuum.get(table) ?? 0) + n;
    foldedSinceVacuum.set(table, total >= VACUUM_AFTER_FOLDED ? 0 : total);
    if (total >= VACUUM_AFTER_FOLDED) due.push(table);
  }
  await vacuumDeltas(db, due);
  return [...moved.values()].reduce((a, b) => a + b, 0);
}
