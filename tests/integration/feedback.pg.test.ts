// Feedback and the 48-hour follow-up (feedback.ts), on PostgreSQL.
import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeFeedback } from './feedback.ts';

const drops = new Map<object, () => Promise<void>>();

describeFeedback('PostgreSQL', {
  async create() {
    const database = await createTestDatabase();
    const storage = openPostgresStorage(database.url, 4);
    drops.set(storage, database.drop);
    await storage.migrate();
    return storage;
  },
  async destroy(storage) {
    await storage.close();
    await drops.get(storage)?.();
  },
});
