// Scale-out: three real server processes share one PostgreSQL database and start at the same
// moment (migrations and demo seeding must not race). Devices sync through whichever process
// a request happens to reach, concurrently, and at the end every device has received every
// record its scopes entitle it to exactly once, while the store holds each record once.
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage, type Storage } from '../../src/server/storage.ts';
import { seedDemoData } from '../../src/server/demo-data.ts';
import { DEMO_NOTES } from '../../src/server/features/contacts/demo-notes.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import type { DeviceMode } from '../../src/shared/contact.ts';
import {
  PROTOCOL_VERSION,
  syncResponse,
  type EnrolResponse,
  type Op,
} from '../../src/shared/sync/protocol.ts';
import { openDevice, type TestDevice } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const SERVERS = 3;
const ROUNDS = 8;

interface SimulatedDevice {
  name: string;
  enrolled: EnrolResponse;
  mode: DeviceMode;
  /** Every contact note id the hub sent this device, in order, repeats kept. */
  received: string[];
  /** Ids of the notes this device wrote and the hub acknowledged. */
  written: string[];
}

describe('several server processes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: ServerProcess[] = [];
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase();
    // All at once, on an empty database: each runs the migrations and the demo seed on start.
    const started = await Promise.allSettled(
      Array.from({ length: SERVERS }, () => startServerProcess({ DATABASE_URL: database.url })),
    );
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    storage = openPostgresStorage(database.url, 4);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await storage?.close();
    await database?.drop();
  });

  const anyServer = (): ServerProcess => servers[randomInt(servers.length)] as ServerProcess;

  /** A fetch that sends each request to a randomly chosen process and notes what it pulled. */
  function routedFetch(device: SimulatedDevice): typeof fetch {
    return async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      url.host = new URL(anyServer().url).host;
      const response = await fetch(url, init);
      if (url.pathname === '/api/sync' && response.ok) {
        recordPulled(device, await response.clone().json());
      }
      return response;
    };
  }

  function recordPulled(device: SimulatedDevice, body: unknown): void {
    const parsed = syncResponse.parse(body);
    for (const change of parsed.changes) {
      if (change.entity === 'contactNote') device.received.push(change.id);
    }
  }

  async function waitForFeedHorizon(): Promise<void> {
    const head = await sql<{ txid: string }>`select max(txid)::text as txid from changes`.execute(
      storage.db,
    );
    const last = BigInt(head.rows[0]?.txid ?? '0');
    for (let tries = 0; tries < 600; tries++) {
      const now = await sql<{ xmin: string }>`
        select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(storage.db);
      if (BigInt(now.rows[0]?.xmin ?? '0') > last) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the feed horizon did not pass the last write within a minute');
  }

  async function enrol(accessPointId: string, mode: DeviceMode, name: string) {
    const code = await issueEnrolmentCode(storage, accessPointId);
    const response = await fetch(`${anyServer().url}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'enrol',
        protocolVersion: PROTOCOL_VERSION,
        code,
        mode,
        deviceName: name,
      }),
    });
    expect(response.status).toBe(201);
    const enrolled = (await response.json()) as EnrolResponse;
    return { name, enrolled, mode, received: [], written: [] } satisfies SimulatedDevice;
  }

  it('runs start-up work one store at a time', async () => {
    const other = openPostgresStorage(database.url, 2);
    try {
      const log: string[] = [];
      const work = (name: string) => async () => {
        log.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        log.push(`${name} out`);
      };
      await Promise.all([storage.withStartupLock(work('a')), other.withStartupLock(work('b'))]);
      expect([
        ['a in', 'a out', 'b in', 'b out'],
        ['b in', 'b out', 'a in', 'a out'],
      ]).toContainEqual(log);
    } finally {
      await other.close();
    }
  });

  it('seeds the demo data once, however many processes start together', async () => {
    expect(await storage.core.latestPackVersion()).toBe(1);
    const versions = await storage.core.listPackVersions({ after: 0, upTo: 100 });
    expect(versions).toHaveLength(1);
    const notes = await storage.contacts.listContactNotes();
    expect(notes).toHaveLength(DEMO_NOTES.length);
    // Seeding again is a no-op: a store with a published pack is left alone.
    const applied = await storage.core.countAppliedOps();
    expect(await seedDemoData(storage)).toBe(false);
    expect(await storage.core.countAppliedOps()).toBe(applied);
  });

  it('delivers every record exactly once, whichever process each request reaches', async () => {
    const demoNotes = await storage.contacts.listContactNotes();
    const appliedBefore = await storage.core.countAppliedOps();

    // Real devices (Dexie outbox + sync engine) at two access points, a kiosk that must get no
    // notes at all, and two raw-protocol readers that pull three records a page.
    const specs: [string, DeviceMode][] = [
      ['central-library', 'counter'],
      ['central-library', 'counter'],
      ['central-library', 'tablet'],
      ['central-library', 'kiosk'],
      ['civic-centre', 'counter'],
      ['civic-centre', 'counter'],
    ];
    const devices: { sim: SimulatedDevice; client: TestDevice }[] = [];
    for (const [index, [accessPointId, mode]] of specs.entries()) {
      const sim = await enrol(accessPointId, mode, `Device ${index}`);
      // Small push batches, so one sync is several requests, each to a random process.
      const client = await openDevice(servers[0]?.url ?? '', sim.enrolled, {
        fetch: routedFetch(sim),
        pushBatch: 3,
      });
      devices.push({ sim, client });
    }
    const readers = [
      await enrol('central-library', 'counter', 'Raw reader 1'),
      await enrol('civic-centre', 'counter', 'Raw reader 2'),
    ];
    const cursors = new Map<SimulatedDevice, string | null>(readers.map((r) => [r, null]));

    /** One raw pull page of three records through a random process; true if more is waiting. */
    async function rawPull(reader: SimulatedDevice): Promise<boolean> {
      const response = await fetch(`${anyServer().url}/api/sync`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${reader.enrolled.token}`,
        },
        body: JSON.stringify({
          type: 'sync',
          protocolVersion: PROTOCOL_VERSION,
          push: [] satisfies Op[],
          cursor: cursors.get(reader) ?? null,
          pullLimit: 3,
        }),
      });
      expect(response.status).toBe(200);
      const body = syncResponse.parse(await response.json());
      recordPulled(reader, body);
      cursors.set(reader, body.cursor);
      return body.hasMore;
    }

    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all([
        ...devices.map(async ({ sim, client }) => {
          if (sim.mode !== 'kiosk') {
            for (let n = randomInt(6); n > 0; n--) {
              const note = await client.write(`${sim.name}, round ${round}, note ${n}`);
              sim.written.push(note.id);
            }
          }
          const outcome = await client.engine.syncOnce();
          expect(outcome.rejected).toBe(0);
          // Sometimes a second, pull-only sync through another random process.
          if (randomInt(2) === 0) await client.engine.syncOnce();
        }),
        ...readers.map(async (reader) => {
          for (let page = 0; page < 4 && (await rawPull(reader)); page++);
        }),
      ]);
    }

    // Every push acknowledged; then everyone catches up (the feed is quiet now).
    for (const { client } of devices) {
      expect(await client.db.outbox.count()).toBe(0);
      expect(await client.db.attention.count()).toBe(0);
    }
    // The feed shows a commit once every older transaction in the cluster has ended (see
    // postgres.ts); other databases on this server may hold that back for a moment.
    await waitForFeedHorizon();
    for (const { client } of devices) await client.engine.syncOnce();
    for (const reader of readers) while (await rawPull(reader));

    // The store holds each written note once, from the device that wrote it.
    const written = devices.flatMap(({ sim }) => sim.written);
    expect(written.length).toBeGreaterThan(20);
    const stored = await storage.contacts.listContactNotes();
    expect(stored).toHaveLength(demoNotes.length + written.length);
    const storedIds = new Set(stored.map((note) => note.id));
    expect(storedIds.size).toBe(stored.length);
    for (const id of written) expect(storedIds.has(id)).toBe(true);
    expect(await storage.core.countAppliedOps()).toBe(appliedBefore + written.length);
    for (const { sim } of devices) {
      const mine = new Set(sim.written);
      expect(
        stored
          .filter((note) => mine.has(note.id))
          .every((n) => n.deviceId === sim.enrolled.deviceId),
      ).toBe(true);
    }

    // Each device received exactly the notes of its access point that others wrote, once each.
    const accessPointOf = new Map(stored.map((note) => [note.id, note.accessPointId]));
    const authorOf = new Map(stored.map((note) => [note.id, note.deviceId]));
    for (const sim of [...devices.map((d) => d.sim), ...readers]) {
      const expected =
        sim.mode === 'kiosk'
          ? []
          : stored
              .filter(
                (note) =>
                  note.accessPointId === sim.enrolled.accessPoint.id &&
                  note.deviceId !== sim.enrolled.deviceId,
              )
              .map((note) => note.id);
      expect(sim.received.length, `${sim.name} received a note twice or too many`).toBe(
        new Set(sim.received).size,
      );
      expect([...sim.received].sort(), `${sim.name} missed or got foreign notes`).toEqual(
        [...expected].sort(),
      );
      for (const id of sim.received) {
        expect(accessPointOf.get(id)).toBe(sim.enrolled.accessPoint.id);
        expect(authorOf.get(id)).not.toBe(sim.enrolled.deviceId);
      }
    }

    // The devices' own databases agree: their notes plus everyone else's at their door.
    for (const { sim, client } of devices) {
      const local = await client.db.contactNotes.toArray();
      const expectedCount = sim.mode === 'kiosk' ? 0 : sim.received.length + sim.written.length;
      expect(local).toHaveLength(expectedCount);
    }
  }, 180_000);
});
