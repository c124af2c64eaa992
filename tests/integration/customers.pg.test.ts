import { PostgresStorage } from '../../src/server/platform/store/postgres.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeCustomers } from './customers.ts';

describeCustomers('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { storage: PostgresStorage.open(database.url, 4), drop: database.drop };
});
