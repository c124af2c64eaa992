import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeReviews } from './reviews.ts';

describeReviews('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { storage: openPostgresStorage(database.url, 4), drop: database.drop };
});
