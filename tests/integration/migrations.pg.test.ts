import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeMigrations } from './migrations.ts';

describeMigrations('PostgreSQL', 'postgres', async () => {
  const database = await createTestDatabase();
  return { storage: openPostgresStorage(database.url, 2), drop: database.drop };
});
