// The embedded default store: one SQLite file, zero set-up. SQLite has a single writer, so an
// autoincrementing change-log key is already commit-ordered and is the feed cursor as it is.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { Worker } from 'node:worker_threads';
import { InvalidCursorError, rowToChange, type PullInput, type PullPage } from './change-feed.ts';
import { CoreStore } from './core-store.ts';
import type { OpHandlers } from './op-handler.ts';
import type { Database } from './schema.ts';

export class SqliteStore extends CoreStore {
  readonly dialect = 'sqlite' as const;

  private checkpointer: { worker: Worker; exited: Promise<unknown> } | null = null;

  /**
   * `checkpointInBackground` (the server's setting): copying the write-ahead log back into the
   * database file (a checkpoint) is done by a worker thread, off the request path. Otherwise
   * the commit that crosses SQLite's threshold does it, and every request queued behind that
   * commit waits (under load, about a fifth of the time spent committing).
   */
  static open(
    filename: string,
    options: { opHandlers: Partial<OpHandlers>; checkpointInBackground?: boolean },
  ): SqliteStore {
    const database = new SQLite(filename);
    // WAL lets readers (pulls) run beside the writer; NORMAL is durable across process crashes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const store = new SqliteStore(
      new Kysely<Database>({
        dialect: new SqliteDialect({ database: cachingStatements(database) }),
      }),
      options.opHandlers,
    );
    if (options.checkpointInBackground && filename !== ':memory:') {
      // Still a backstop if the worker falls behind: the writer checkpoints past ~40 MB of log.
      database.pragma('wal_autocheckpoint = 10000');
      const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), {
        workerData: { filename, intervalMs: 1000 },
      });
      // A failed checkpointer only means the writer checkpoints by itself again.
      worker.on('error', () => {
        if (database.open) database.pragma('wal_autocheckpoint = 1000');
      });
      worker.unref();
      store.checkpointer = {
        worker,
        exited: new Promise((resolve) => worker.once('exit', resolve)),
      };
    }
    return store;
  }

  override async close(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = null;
    if (checkpointer) {
      checkpointer.worker.ref(); // wait for it: unreferenced, it would not keep us alive
      checkpointer.worker.postMessage('stop');
      await checkpointer.exited;
    }
    await super.close();
  }

  assertCursor(cursor: string | null): void {
    parseCursor(cursor);
  }

  async pullChanges(input: PullInput): Promise<PullPage> {
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

/**
 * Kysely prepares every query afresh: under load that was a seventh of the hub's time (a
 * sync's multi-row inserts are long statements). The SQL repeats (values are parameters), so
 * the prepared statements are kept, the most recently used few hundred of them. Safe because
 * better-sqlite3 runs each statement to completion before returning (we never stream).
 */
function cachingStatements(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText) {
      let statement = statements.get(sqlText);
      if (statement) {
        statements.delete(sqlText);
      } else {
        statement = database.prepare(sqlText);
        if (statements.size >= STATEMENT_CACHE) {
          const oldest = statements.keys().next();
          if (!oldest.done) statements.delete(oldest.value);
        }
      }
      statements.set(sqlText, statement);
      return statement;
    },
  };
}

const STATEMENT_CACHE = 300;

function parseCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError(cursor);
  return Number(cursor);
}
