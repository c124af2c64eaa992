// The write-endpoint fuzzing (fuzz-write-endpoints.ts) on PostgreSQL: 10,000+ malformed payloads.
import { openPostgresStorage } from '../../src/server/storage.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { describeFuzzWriteEndpoints } from './fuzz-write-endpoints.ts';

const drops = new Map<object, () => Promise<void>>();

describeFuzzWriteEndpoints(
  'PostgreSQL',
  {
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
  },
  { minPayloads: 10_000, scale: 1 },
);
