// Mystery shopping on the hub (audits.ts) on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { describeAudits } from './audits.ts';

const dirs = new Map<object, string>();

describeAudits('SQLite', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-audits-'));
    const storage = openSqliteStorage(join(dir, 'audits.sqlite'));
    dirs.set(storage, dir);
    await storage.migrate();
    return storage;
  },
  async destroy(storage) {
    await storage.close();
    rmSync(dirs.get(storage) ?? '', { recursive: true, force: true });
  },
});
