import { PostgresStorage } from '../../src/server/platform/store/postgres.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeMigrations } from './migrations.ts';

describeMigrations('PostgreSQL', 'postgres', async () => {
  const database = await createTestDatabase();
  return { storage: PostgresStorage.open(database.url, 2), drop: database.drop };
});
