import { PostgresStorage } from '../../src/server/platform/store/postgres.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeMutationRules } from './mutation-rules.ts';

describeMutationRules('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { storage: PostgresStorage.open(database.url, 4), drop: database.drop };
});
