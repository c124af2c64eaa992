import { SqliteStorage } from '../../src/server/storage/sqlite.ts';
import { describeMigrations } from './migrations.ts';

describeMigrations('SQLite', 'sqlite', () =>
  Promise.resolve({ storage: SqliteStorage.open(':memory:') }),
);
