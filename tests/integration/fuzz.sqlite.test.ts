// The write-endpoint fuzzing (fuzz-write-endpoints.ts) on SQLite: 10,000+ malformed payloads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { describeFuzzWriteEndpoints } from './fuzz-write-endpoints.ts';

const dirs = new Map<object, string>();

describeFuzzWriteEndpoints(
  'SQLite',
  {
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'anydoor-fuzz-'));
      const storage = openSqliteStorage(join(dir, 'fuzz.sqlite'));
      dirs.set(storage, dir);
      await storage.migrate();
      return storage;
    },
    async destroy(storage) {
      await storage.close();
      rmSync(dirs.get(storage) ?? '', { recursive: true, force: true });
    },
  },
  { minPayloads: 10_000, scale: 1 },
);
