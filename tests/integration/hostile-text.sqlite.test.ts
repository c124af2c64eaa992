// Hostile text through every free-text field (hostile-text.ts), on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { describeHostileText } from './hostile-text.ts';

const dirs = new Map<object, string>();

describeHostileText('SQLite', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-hostile-'));
    const storage = openSqliteStorage(join(dir, 'hostile.sqlite'));
    dirs.set(storage, dir);
    await storage.migrate();
    return storage;
  },
  async destroy(storage) {
    await storage.close();
    rmSync(dirs.get(storage) ?? '', { recursive: true, force: true });
  },
});
