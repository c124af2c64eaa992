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
import { KyselyStorage } from './kysely-storage.ts';
import type { Database } from './schema.ts';
import { InvalidCursorError, type PullPage } from './storage.ts';
import { rowToChange } from './change-row.ts';

export class PostgresStorage extends KyselyStorage {
  readonly dialect = 'postgres' as const;

  static open(connectionString: string, poolSize = 10): PostgresStorage {
    const pool = new pg.Pool({ connectionString, max: poolSize });
    return new PostgresStorage(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  }

  assertCursor(cursor: string | null): void {
    parseCursor(cursor);
  }

  async pullChanges(input: {
    scopes: readonly string[];
    excludeOriginDevice: string;
    excludeEntities?: readonly string[];
    cursor: string | null;
    limit: number;
  }): Promise<PullPage> {
    const after = parseCursor(input.cursor);
    // One snapshot for both statements, so the head and the page agree on what is visible.
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const horizon = sql<string>`pg_snapshot_xmin(pg_current_snapshot())`;
        const head = await sql<{ txid: string; seq: string }>`
          select txid::text as txid, seq::text as seq from changes
          where txid < ${horizon}
          order by txid desc, seq desc limit 1`.execute(trx);
        const rows = await sql<{
          txid: string;
          seq: string;
          entity: string;
          entity_id: string;
          op: 'upsert' | 'delete';
          data: string;
        }>`
          select txid::text as txid, seq::text as seq, entity, entity_id, op, data from changes
          where (txid, seq) > (${after.txid}::xid8, ${after.seq}::bigint)
            and txid < ${horizon}
            and scope in (${sql.join(input.scopes)})
            and (origin_device is null or origin_device <> ${input.excludeOriginDevice})
            ${input.excludeEntities?.length ? sql`and entity not in (${sql.join(input.excludeEntities)})` : sql``}
          order by txid, seq
          limit ${input.limit + 1}`.execute(trx);
        const hasMore = rows.rows.length > input.limit;
        const page = hasMore ? rows.rows.slice(0, input.limit) : rows.rows;
        const lastRow = hasMore ? page.at(-1) : head.rows[0];
        let cursor = input.cursor;
        if (lastRow && comparePosition(lastRow, after) > 0)
          cursor = `${lastRow.txid}.${lastRow.seq}`;
        return { changes: page.map(rowToChange), cursor, hasMore };
      });
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
