// Hostile text through every free-text field (hostile-text.ts), on PostgreSQL.
import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeHostileText } from './hostile-text.ts';

const drops = new Map<object, () => Promise<void>>();

describeHostileText('PostgreSQL', {
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
