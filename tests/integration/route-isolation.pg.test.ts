import { PostgresStorage } from '../../src/server/platform/store/postgres.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeRouteIsolation } from './route-isolation.ts';

describeRouteIsolation('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { storage: PostgresStorage.open(database.url, 4), drop: database.drop };
});
