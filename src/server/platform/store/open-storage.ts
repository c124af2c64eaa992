import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreStore } from './core-store.ts';
import type { OpHandlers } from './op-handler.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';

/**
 * DATABASE_URL=postgres://… selects PostgreSQL; sqlite:<file> an SQLite file; otherwise an
 * SQLite file in the data folder. Migrated to the latest schema under the start-up lock.
 */
export async function openCoreStore(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  opHandlers: OpHandlers;
}): Promise<CoreStore> {
  const url = options.databaseUrl;
  const { opHandlers } = options;
  let store: CoreStore;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    store = PostgresStore.open(url, { opHandlers });
  } else if (url && url.startsWith('sqlite:')) {
    store = SqliteStore.open(url.slice('sqlite:'.length), {
      opHandlers,
      checkpointInBackground: true,
    });
  } else if (url) {
    throw new Error('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    store = SqliteStore.open(join(options.dataDir, 'anydoor.sqlite'), {
      opHandlers,
      checkpointInBackground: true,
    });
  }
  await store.withStartupLock(() => store.migrate());
  return store;
}
