// What every store contract suite (storage-contract.ts, local-pages-contract.ts,
// staff-contract.ts) runs on: a fresh, migrated store per test on SQLite or PostgreSQL, with the
// demo's access points, and devices enrolled through the core store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { accessPointScope, GLOBAL_SCOPE } from '../../src/server/platform/store/change-feed.ts';
import type { Device } from '../../src/server/platform/store/device.ts';
import { openPostgresStorage, openSqliteStorage, type Storage } from '../../src/server/storage.ts';
import { createTestDatabase } from './pg.ts';

export interface StorageFactory {
  create(): Promise<Storage>;
  destroy(storage: Storage): Promise<void>;
}

/** A migrated SQLite file per store, removed afterwards. */
export function sqliteFactory(): StorageFactory {
  const dirs = new Map<object, string>();
  return {
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
  };
}

/** A migrated PostgreSQL database per store, dropped afterwards. */
export function postgresFactory(): StorageFactory {
  const drops = new Map<object, () => Promise<void>>();
  return {
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
  };
}

/** A store per test, and what the suites do with it. Call inside a describe. */
export function storeForEachTest(factory: StorageFactory) {
  let storage: Storage | undefined;
  const tokenOf = new Map<string, string>();
  const now = () => new Date().toISOString();
  const store = (): Storage => {
    if (!storage) throw new Error('no store outside a test');
    return storage;
  };

  beforeEach(async () => {
    storage = await factory.create();
    await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
  });
  afterEach(async () => {
    if (storage) await factory.destroy(storage);
    storage = undefined;
  });

  return {
    store,
    now,
    /** The token hash the device was enrolled with. */
    tokenOf: (device: Device) => tokenOf.get(device.id) ?? '',
    async enrol(accessPointId = 'central-library'): Promise<Device> {
      const codeHash = randomUUID();
      const tokenHash = randomUUID();
      await store().core.createEnrolmentCode({
        codeHash,
        accessPointId,
        now: now(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const device = await store().core.enrolDevice({
        codeHash,
        deviceId: randomUUID(),
        deviceName: 'Front desk',
        tokenHash,
        now: now(),
      });
      if (!device) throw new Error('enrolment failed');
      tokenOf.set(device.id, tokenHash);
      return device;
    },
    /** Every change the device's place may see after `cursor`, page by page. */
    async pullAll(device: Device, cursor: string | null = null, limit = 100) {
      const changes = [];
      let position = cursor;
      for (;;) {
        const page = await store().core.pullChanges({
          scopes: [GLOBAL_SCOPE, accessPointScope(device.accessPointId)],
          excludeOriginDevice: device.id,
          cursor: position,
          limit,
        });
        changes.push(...page.changes);
        position = page.cursor;
        if (!page.hasMore) return { changes, cursor: position };
      }
    },
  };
}
