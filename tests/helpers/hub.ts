// A real hub for integration tests: the Fastify app over a fresh SQLite file (or a given
// storage), listening on a random loopback port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { DEMO_STAFF, seedDemoStaff } from '../../src/server/features/staff/demo-staff.ts';
import { openPostgresStorage, openSqliteStorage, type Storage } from '../../src/server/storage.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { createTestDatabase } from './pg.ts';
import type { DeviceMode } from '../../src/shared/contact.ts';
import { PROTOCOL_VERSION, type EnrolResponse } from '../../src/shared/sync/protocol.ts';

export interface TestHub {
  app: FastifyInstance;
  storage: Storage;
  url: string;
  enrol(accessPointId?: string, mode?: DeviceMode): Promise<EnrolResponse>;
  /** Publishes the demo pack (checked by validatePack) as the next version. */
  publishDemoPack(): Promise<void>;
  /**
   * Headers for a demo person's hub session: a counter enrolled at `place` (their first place
   * by default) and their demo secret typed on it. For the studio's and other staff routes.
   */
  staffHeaders(staffId: string, place?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startHub(
  options: { storage?: Storage; configure?: (app: FastifyInstance) => void } = {},
): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-hub-'));
  const storage = options.storage ?? openSqliteStorage(join(dir, 'hub.sqlite'));
  await storage.migrate();
  await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
  await seedDemoStaff(storage, new Date().toISOString());
  const app = await buildApp({ storage });
  options.configure?.(app);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const hub: TestHub = {
    app,
    storage,
    url: address,
    async enrol(accessPointId = 'central-library', mode: DeviceMode = 'counter') {
      const code = await issueEnrolmentCode(storage, accessPointId);
      const res = await app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        payload: {
          type: 'enrol',
          protocolVersion: PROTOCOL_VERSION,
          code,
          deviceName: 'Test',
          mode,
        },
      });
      if (res.statusCode !== 201) throw new Error(`enrol failed: ${res.body}`);
      return res.json<EnrolResponse>();
    },
    async publishDemoPack() {
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      await storage.core.publishPack(checked.pack, { now: new Date().toISOString() });
    },
    async staffHeaders(staffId: string, place?: string) {
      const person = DEMO_STAFF.find((s) => s.id === staffId);
      if (!person) throw new Error(`no demo person ${staffId}`);
      const at = place ?? person.accessPointIds[0] ?? 'civic-centre';
      const device = await hub.enrol(at, 'counter');
      const authorization = `Bearer ${device.token}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/staff/sessions',
        headers: { authorization },
        payload: { staffId, pin: person.pin },
      });
      if (res.statusCode !== 201) throw new Error(`sign-in failed: ${res.body}`);
      return { authorization, 'x-staff-session': res.json<{ token: string }>().token };
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

/** A hub on a fresh SQLite file or PostgreSQL database (dropped when the hub closes). */
export async function startHubOn(
  dialect: 'sqlite' | 'postgres',
  options: { configure?: (app: FastifyInstance) => void } = {},
): Promise<TestHub> {
  if (dialect === 'sqlite') return startHub(options);
  const database = await createTestDatabase();
  const hub = await startHub({ ...options, storage: openPostgresStorage(database.url, 4) });
  return {
    ...hub,
    async close() {
      await hub.close();
      await database.drop();
    },
  };
}

/** How many demo staff a device at this place receives. */
export function staffAt(accessPointId: string): number {
  return DEMO_STAFF.filter((s) => s.accessPointIds.includes(accessPointId)).length;
}
