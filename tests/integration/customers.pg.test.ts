import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeCustomers } from './customers.ts';

describeCustomers('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { storage: openPostgresStorage(database.url, 4), drop: database.drop };
});
