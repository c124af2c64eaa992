import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeStorageContract } from './storage-contract.ts';

const drops = new Map<object, () => Promise<void>>();

describeStorageContract('PostgreSQL', {
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
