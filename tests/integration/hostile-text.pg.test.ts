// Hostile text through every free-text field (hostile-text.ts), on PostgreSQL.
import { PostgresStorage } from '../../src/server/platform/store/postgres.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeHostileText } from './hostile-text.ts';

const drops = new Map<object, () => Promise<void>>();

describeHostileText('PostgreSQL', {
  async create() {
    const database = await createTestDatabase();
    const storage = PostgresStorage.open(database.url, 4);
    drops.set(storage, database.drop);
    await storage.migrate();
    return storage;
  },
  async destroy(storage) {
    await storage.close();
    await drops.get(storage)?.();
  },
});
