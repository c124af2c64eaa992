// The insight dashboards' rollups: sums of contacts, feedback and kept/missed commitments per
// month and per day, by the dimensions the dashboards group by; and each customer's channel use
// per month. A dashboard reads whole months from the month rows and the ragged ends of its date
// range from the day rows, so a six-month view reads a few thousand rows, not a million.
//
// They are kept by database triggers, so they change in the same transaction as the rows they
// count, whoever writes them: a sync push, another feature's write path (feedback, customer
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
   * Key order (grain, keys…, period) instead of (grain, period, keys…): for a rollup read
   * grouped by its first key over the whole range (per customer), so rows come in group order.
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
    measures: [one, measure('satisfied', (r) => `case when ${r}.rating >= 3 then 1 else 0 end`)],
  },
  feedbackServiceTotals: {
    table: 'insight_feedback_service_totals',
    source: 'feedback',
    time: 'created_at',
    grains: BOTH,
    keys: [orEmpty('service_id')],
    measures: [one, measure('satisfied', (r) => `case when ${r}.rating >= 3 then 1 else 0 end`)],
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

/** The primary key's column order (see RollupSpec.periodLast), slot aside. */
const primaryKeyOrder = (spec: RollupSpec): string[] =>
  spec.periodLast ? ['grain', ...spec.keys.map((k) => k.name), 'period'] : rowKey(spec);

function sqliteUpsert(spec: RollupSpec, r: 'new' | 'old', delta: 1 | -1, grain: Grain): string {
  const names = rowKey(spec).join(', ');
  const values = [
    `'${grain}'`,
    periodExpr(spec, r, grain),
    ...spec.keys.map((k) => k.expr(r, 'sqlite')),
    ...spec.measures.map((m) => `${delta} * (${m.expr(r, 'sqlite')})`),
  ].join(', ');
  const sets = spec.measures.map((m) => `${m.name} = ${m.name} + excluded.${m.name}`).join(', ');
  // A WHERE is required before ON CONFLICT in INSERT … SELECT (SQLite's parsing rule).
  return `insert into ${spec.table} (${names}, ${spec.measures.map((m) => m.name).join(', ')})
    select ${values} where ${spec.where ? spec.where(r) : '1'}
    on conflict (${names}) do update set ${sets};`;
}

/**
 * PostgreSQL rollup rows per key: each connection adds to its own slot (its backend's pid
 * modulo this), so concurrent syncs counting contacts of the same place, day and channel do not
 * queue for one row lock until each commits. Readers sum over the slots, as they sum anyway.
 */
const PG_SLOTS = 8;

/** A statement trigger's transition rows as rollup rows (each grain; deleted rows negated). */
function transitionRows(
  spec: RollupSpec,
  parts: { table: string; delta: 1 | -1 }[],
  extraColumns: string,
): string {
  return parts
    .flatMap(({ table, delta }) =>
      spec.grains.map(
        (grain) =>
          `select '${grain}' as grain, ${periodExpr(spec, 's', grain)} as period,
           ${spec.keys.map((k) => `${k.expr('s', 'postgres')} as ${k.name}`).join(', ')}${extraColumns},
           ${spec.measures.map((m) => `${delta} * (${m.expr('s', 'postgres')}) as ${m.name}`).join(', ')}
           from ${table} s where ${spec.where ? spec.where('s') : 'true'}`,
      ),
    )
    .join(' union all ');
}

function pgUpsert(
  spec: RollupSpec,
  parts: { table: string; delta: 1 | -1 }[],
  slotted: boolean,
): string {
  const keyNames = [...rowKey(spec), ...(slotted ? ['slot'] : [])];
  const slot = slotted ? `, pg_backend_pid() % ${PG_SLOTS} as slot` : '';
  const rows = transitionRows(spec, parts, slot);
  const positions = keyNames.map((_, i) => i + 1).join(', ');
  const sets = spec.measures.map((m) => `${m.name} = r.${m.name} + excluded.${m.name}`).join(', ');
  return `insert into ${spec.table} as r (${keyNames.join(', ')}, ${spec.measures.map((m) => m.name).join(', ')})
    select ${keyNames.join(', ')}, ${spec.measures.map((m) => `sum(${m.name})`).join(', ')}
    from (${rows}) x group by ${positions} order by ${positions}
    on conflict (${keyNames.join(', ')}) do update set ${sets};`;
}

/** A table with a rollup's columns: its grain, period, keys and measures. */
function rollupColumns(db: Kysely<unknown>, spec: RollupSpec, name: string) {
  let table = db.schema
    .createTable(name)
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull());
  for (const key of spec.keys) table = table.addColumn(key.name, key.type, (c) => c.notNull());
  for (const m of spec.measures) table = table.addColumn(m.name, 'integer', (c) => c.notNull());
  return table;
}

async function createTable(
  db: Kysely<unknown>,
  spec: RollupSpec,
  clustered = false,
): Promise<void> {
  // Grain first: a date range is then one index range of months and one or two of days.
  await rollupColumns(db, spec, spec.table)
    .addPrimaryKeyConstraint(`${spec.table}_pk`, primaryKeyOrder(spec) as never)
    .$call((t) => (clustered ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
}

/** PostgreSQL since migration 0019: where a rollup's triggers append (see the header). */
export const deltaTable = (spec: RollupSpec): string => `${spec.table}_delta`;

/** The trigger's statement: one row per key and period that the statement changed. */
function pgAppend(spec: RollupSpec, parts: { table: string; delta: 1 | -1 }[]): string {
  const keyNames = rowKey(spec);
  const rows = transitionRows(spec, parts, '');
  const positions = keyNames.map((_, i) => i + 1).join(', ');
  return `insert into ${deltaTable(spec)} (${keyNames.join(', ')}, ${spec.measures.map((m) => m.name).join(', ')})
    select ${keyNames.join(', ')}, ${spec.measures.map((m) => `sum(${m.name})`).join(', ')}
    from (${rows}) x group by ${positions}
    having ${spec.measures.map((m) => `sum(${m.name}) <> 0`).join(' or ')};`;
}

/** The PostgreSQL trigger function that keeps one rollup (replaced when its shape changes). */
async function createPgSyncFunction(
  db: Kysely<unknown>,
  spec: RollupSpec,
  how: 'upsert' | 'slotted' | 'append',
) {
  const write = (parts: { table: string; delta: 1 | -1 }[]) =>
    how === 'append' ? pgAppend(spec, parts) : pgUpsert(spec, parts, how === 'slotted');
  await sql
    .raw(
      `create or replace function ${spec.table}_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${write([{ table: 'new_rows', delta: 1 }])}
        elsif tg_op = 'DELETE' then
          ${write([{ table: 'old_rows', delta: -1 }])}
        else
          ${write([
            { table: 'new_rows', delta: 1 },
            { table: 'old_rows', delta: -1 },
          ])}
        end if;
        return null;
      end $$`,
    )
    .execute(db);
}

async function createTriggers(db: Kysely<unknown>, dialect: Dialect, spec: RollupSpec) {
  const each = (r: 'new' | 'old', delta: 1 | -1) =>
    spec.grains.map((grain) => sqliteUpsert(spec, r, delta, grain)).join('\n');
  if (dialect === 'sqlite') {
    for (const [suffix, event, body] of [
      ['ins', 'insert', each('new', 1)],
      ['del', 'delete', each('old', -1)],
      ['upd', 'update', `${each('old', -1)}\n${each('new', 1)}`],
    ] as const) {
      await sql
        .raw(
          `create trigger ${spec.table}_${suffix} after ${event} on ${spec.source} begin
          ${body} end`,
        )
        .execute(db);
    }
    return;
  }
  await createPgSyncFunction(db, spec, 'upsert');
  // PostgreSQL allows transition tables on single-event triggers only: one trigger per event.
  for (const [suffix, event, tables] of [
    ['ins', 'insert', 'new table as new_rows'],
    ['del', 'delete', 'old table as old_rows'],
    ['upd', 'update', 'old table as old_rows new table as new_rows'],
  ] as const) {
    await sql
      .raw(
        `create trigger ${spec.table}_${suffix} after ${event} on ${spec.source}
         referencing ${tables} for each statement execute function ${spec.table}_sync()`,
      )
      .execute(db);
  }
}

/** Fills a rollup from the rows already there (a hub upgraded with history). */
async function backfill(db: Kysely<unknown>, dialect: Dialect, spec: RollupSpec) {
  for (const grain of spec.grains) {
    const check = rawRollupSql(spec, dialect, grain);
    await sql
      .raw(
        `insert into ${spec.table} (grain, period, ${spec.keys.map((k) => k.name).join(', ')},
           ${spec.measures.map((m) => m.name).join(', ')}) ${check}`,
      )
      .execute(db);
  }
}

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

/** Migration 0017's rollups: each table, filled from the rows already there, then its triggers. */
export async function createInsightRollups(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
    await createTable(db, spec);
    await backfill(db, dialect, spec);
    await createTriggers(db, dialect, spec);
  }
}

/**
 * Migration 0018, SQLite only: each rollup rebuilt as a WITHOUT ROWID table, stored in its
 * key order. Every dashboard read is a range of that key; through a rowid table's separate
 * index each row was a random page read (channel shift over a million contacts: ~1 s, now
 * ~0.1 s). The triggers are dropped first because SQLite checks them when a table is renamed.
 */
export async function clusterInsightRollups(db: Kysely<unknown>): Promise<void> {
  for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
    for (const suffix of ['ins', 'del', 'upd']) {
      await sql.raw(`drop trigger ${spec.table}_${suffix}`).execute(db);
    }
    await sql.raw(`alter table ${spec.table} rename to ${spec.table}_rowid`).execute(db);
    await createTable(db, spec, true);
    await sql.raw(`insert into ${spec.table} select * from ${spec.table}_rowid`).execute(db);
    await sql.raw(`drop table ${spec.table}_rowid`).execute(db);
    await createTriggers(db, 'sqlite', spec);
  }
}

/** Migration 0018, PostgreSQL only: a slot in every rollup's key (see PG_SLOTS). */
export async function slotInsightRollups(db: Kysely<unknown>): Promise<void> {
  for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
    await sql
      .raw(
        `alter table ${spec.table} add column slot smallint not null default 0,
          drop constraint ${spec.table}_pk,
          add constraint ${spec.table}_pk primary key (${[...primaryKeyOrder(spec), 'slot'].join(', ')})`,
      )
      .execute(db);
    await createPgSyncFunction(db, spec, 'slotted');
  }
}

/**
 * Migration 0019, PostgreSQL only: the triggers append to a delta table per rollup instead of
 * upserting the rollup (see the header); `foldInsightDeltas` keeps the deltas short.
 */
export async function deltaInsightRollups(db: Kysely<unknown>): Promise<void> {
  for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
    await rollupColumns(db, spec, deltaTable(spec)).execute();
    await createPgSyncFunction(db, spec, 'append');
  }
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
