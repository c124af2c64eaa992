// The embedded default store: one SQLite file, zero set-up. SQLite has a single writer, so an
// autoincrementing change-log key is already commit-ordered and is the feed cursor as it is.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStorage } from './kysely-storage.ts';
import type { Database } from './schema.ts';
import { InvalidCursorError, type PullPage } from './storage.ts';
import { rowToChange } from './change-row.ts';

export class SqliteStorage extends KyselyStorage {
  readonly dialect = 'sqlite' as const;

  static open(filename: string): SqliteStorage {
    const database = new SQLite(filename);
    // WAL lets readers (pulls) run beside the writer; NORMAL is durable across process crashes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return new SqliteStorage(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }));
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
    return this.db.transaction().execute(async (trx) => {
      const head = await trx
        .selectFrom('changes')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const headSeq = head?.seq == null ? 0 : Number(head.seq);
      const rows = await trx
        .selectFrom('changes')
        .select(['seq', 'entity', 'entity_id', 'op', 'data'])
        .where('seq', '>', after)
        .where('seq', '<=', headSeq)
        .where('scope', 'in', [...input.scopes])
        .where((eb) =>
          eb.or([
            eb('origin_device', 'is', null),
            eb('origin_device', '!=', input.excludeOriginDevice),
          ]),
        )
        .$if(!!input.excludeEntities?.length, (qb) =>
          qb.where('entity', 'not in', [...(input.excludeEntities ?? [])]),
        )
        .orderBy('seq')
        .limit(input.limit + 1)
        .execute();
      const hasMore = rows.length > input.limit;
      const page = hasMore ? rows.slice(0, input.limit) : rows;
      // With nothing more to send, jump to the head: the rows skipped were not for this device.
      const last = hasMore ? Number(page.at(-1)?.seq) : Math.max(headSeq, after);
      return {
        changes: page.map(rowToChange),
        cursor: last > 0 ? String(last) : input.cursor,
        hasMore,
      };
    });
  }
}

function parseCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError(cursor);
  return Number(cursor);
}
