import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresStorage } from './postgres.ts';
import { SqliteStorage } from './sqlite.ts';
import type { Storage } from './storage.ts';

/** DATABASE_URL=postgres://… selects PostgreSQL; otherwise an SQLite file in the data folder. */
export async function openStorage(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Storage> {
  const url = options.databaseUrl;
  let storage: Storage;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    storage = PostgresStorage.open(url);
  } else if (url && url.startsWith('sqlite:')) {
    storage = SqliteStorage.open(url.slice('sqlite:'.length), { checkpointInBackground: true });
  } else if (url) {
    throw new Error('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    storage = SqliteStorage.open(join(options.dataDir, 'anydoor.sqlite'), {
      checkpointInBackground: true,
    });
  }
  await storage.withStartupLock(() => storage.migrate());
  return storage;
}
