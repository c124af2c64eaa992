// Feedback and the 48-hour follow-up (feedback.ts), on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { describeFeedback } from './feedback.ts';

const dirs = new Map<object, string>();

describeFeedback('SQLite', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-feedback-'));
    const storage = openSqliteStorage(join(dir, 'feedback.sqlite'));
    dirs.set(storage, dir);
    await storage.migrate();
    return storage;
  },
  async destroy(storage) {
    await storage.close();
    rmSync(dirs.get(storage) ?? '', { recursive: true, force: true });
  },
});
