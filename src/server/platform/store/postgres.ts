// The scale-out store. Any number of stateless servers share one PostgreSQL database.
//
// Why not a plain sequence as the feed cursor: two transactions can take sequence values 5
// and 6 and commit in the order 6, 5. A device that pulled in between would move its cursor
// to 6 and never see 5. So each change row also records its writer's transaction id (txid)
// and a pull only returns rows whose transaction is older than every transaction still in
// flight (txid < xmin of the reader's snapshot): those have all committed or aborted, and any
// later writer gets a larger txid. Rows are ordered by (txid, seq) and the cursor is that pair.
// Cost: a long-running write transaction delays the feed (never reorders it) until it ends.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { InvalidCursorError, rowToChange, type PullInput, type PullPage } from './change-feed.ts';
import { CoreStore } from './core-store.ts';
import type { OpHandlers } from './op-handler.ts';
import type { Database } from './schema.ts';

/** Any fixed key ("anyd"); Kysely's migrator uses another one for its own lock. */
const STARTUP_LOCK = 0x616e7964;

export class PostgresStore extends CoreStore {
  readonly dialect = 'postgres' as const;

  static open(
    connectionString: string,
    options: { opHandlers: Partial<OpHandlers>; poolSize?: number },
  ): PostgresStore {
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
    // A connection the server drops (restart, failover, or terminated while we close it) must
    // fail the query using it, not the process: pg emits 'error' on idle and closing clients
    // with nobody listening. The pool opens a new connection for the next query.
    const ignore = (): void => undefined;
    pool.on('error', ignore);
    pool.on('connect', (client) => client.on('error', ignore));
    return new PostgresStore(
      new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      options.opHandlers,
    );
  }

  /**
   * A session-level advisory lock held on one pooled connection while `work` runs on the
   * others: without it, two servers starting on an empty database both see no pack and both
   * publish version 1, and one of them dies on the duplicate key.
   */
  override async withStartupLock<T>(work: () => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${STARTUP_LOCK}::bigint)`.execute(connection);
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(${STARTUP_LOCK}::bigint)`.execute(connection);
      }
    });
  }

  assertCursor(cursor: string | null): void {
    parseCursor(cursor);
  }

  async pullChanges(input: PullInput): Promise<PullPage> {
    const after = parseCursor(input.cursor);
    // One statement, so one snapshot: the head and the page agree on what is visible (and it
    // is one round trip). Order by the xid8 and bigint columns, never their text forms, in
    // which '99' sorts after '100' (a page would skip rows and the head would lag behind).
    const { rows } = await sql<{
      is_head: boolean;
      txid: string;
      seq: string;
      entity: string;
      entity_id: string;
      op: 'upsert' | 'delete';
      data: string;
    }>`
      with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin),
      head as (
        select c.txid, c.seq from changes c
        where c.txid < (select xmin from horizon)
        order by c.txid desc, c.seq desc limit 1),
      page as (
        select c.txid, c.seq, c.entity, c.entity_id, c.op, c.data from changes c
        where (c.txid, c.seq) > (${after.txid}::xid8, ${after.seq}::bigint)
          and c.txid < (select xmin from horizon)
          and c.scope in (${sql.join(input.scopes)})
          and (c.origin_device is null or c.origin_device <> ${input.excludeOriginDevice})
          ${input.excludeEntities?.length ? sql`and c.entity not in (${sql.join(input.excludeEntities)})` : sql``}
        order by c.txid, c.seq
        limit ${input.limit + 1})
      select false as is_head, txid::text as txid, seq::text as seq, entity, entity_id, op, data,
        txid as order_txid, seq as order_seq
      from page
      union all
      select true, txid::text, seq::text, null, null, null, null, txid, seq from head
      order by is_head, order_txid, order_seq`.execute(this.db);
    const found = rows.filter((row) => !row.is_head);
    const hasMore = found.length > input.limit;
    const page = hasMore ? found.slice(0, input.limit) : found;
    const lastRow = hasMore ? page.at(-1) : rows.find((row) => row.is_head);
    let cursor = input.cursor;
    if (lastRow && comparePosition(lastRow, after) > 0) cursor = `${lastRow.txid}.${lastRow.seq}`;
    return { changes: page.map(rowToChange), cursor, hasMore };
  }
}

interface Position {
  txid: string;
  seq: string;
}

function parseCursor(cursor: string | null): Position {
  if (cursor === null) return { txid: '0', seq: '0' };
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(cursor);
  if (!match?.[1] || !match[2]) throw new InvalidCursorError(cursor);
  return { txid: match[1], seq: match[2] };
}

function comparePosition(a: Position, b: Position): number {
  const byTxid = BigInt(a.txid) - BigInt(b.txid);
  if (byTxid !== 0n) return byTxid > 0n ? 1 : -1;
  const bySeq = BigInt(a.seq) - BigInt(b.seq);
  return bySeq === 0n ? 0 : bySeq > 0n ? 1 : -1;
}
