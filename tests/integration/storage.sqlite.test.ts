import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { describeStorageContract } from './storage-contract.ts';

const dirs = new Map<object, string>();

describeStorageContract('SQLite', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-sqlite-'));
    const storage = openSqliteStorage(join(dir, 'test.sqlite'));
    dirs.set(storage, dir);
    await storage.migrate();
    return storage;
  },
  async destroy(storage) {
    await storage.close();
    rmSync(dirs.get(storage) ?? '', { recursive: true, force: true });
  },
});
