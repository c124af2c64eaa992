// The fault matrix (issue 7): every fault AnyDoor promises to survive, run against a real hub
// on one store (SQLite or PostgreSQL, see fault-matrix.*.test.ts) with devices running the
// real client code (Dexie over fake-indexeddb, the sync engine). Each fault ends with the same
// count: the ids of the records created on the devices against those on the hub, and the
// outboxes empty: 0 lost, 0 duplicated. Fault 4 also runs in Chromium
// (tests/e2e/fault-matrix.test.ts), where a page really closes; fault 8 injects the browser's
// QuotaExceededError at the outbox write (that file says why not Chromium's own quota).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AnyDoorDatabase,
  EMPTY_SYNC_SETTINGS,
  SCHEMA_VERSIONS,
} from '../../src/client/db/database.ts';
import {
  addCaseEvent,
  createContactNote,
  openCase,
  saveLocalPage,
} from '../../src/client/db/writes.ts';
import { SyncEngine } from '../../src/client/sync/sync-engine.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { openPostgresStorage, openSqliteStorage, type Storage } from '../../src/server/storage.ts';
import { caseState, type CaseEvent } from '../../src/shared/case.ts';
import { pageState } from '../../src/shared/local-page.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { caseDues, routeCase } from '../../src/shared/routing.ts';
import {
  PROTOCOL_VERSION,
  type EnrolResponse,
  type Op,
  type OpResult,
} from '../../src/shared/sync/protocol.ts';
import { openDevice, type TestDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';
import { createTestDatabase, PG_ADMIN_URL } from '../helpers/pg.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const run = promisify(execFile);
const HOUR = 60 * 60 * 1000;

/** A hub database of one store that a test can open, back up, restore and hand to a process. */
export interface HubDatabase {
  /** DATABASE_URL for a server process. */
  url: string;
  open(): Storage;
  /** A backup of the database as it is now (the hub may be running). */
  backup(): Promise<string>;
  /**
   * A probe that turns true once a transaction has started writing after this call (so a
   * test can kill the hub in the middle of one).
   */
  watchWrites(): () => Promise<boolean>;
  /** Replaces the database with a backup (the hub must be closed). */
  restore(backup: string): Promise<void>;
  drop(): Promise<void>;
}

export interface MatrixStore {
  name: string;
  create(): Promise<HubDatabase>;
}

export const SQLITE_STORE: MatrixStore = {
  name: 'SQLite',
  create() {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-faults-'));
    const file = join(dir, 'hub.sqlite');
    let backups = 0;
    return Promise.resolve({
      url: `sqlite:${file}`,
      open: () => openSqliteStorage(file),
      watchWrites() {
        // A write transaction larger than the page cache spills into the WAL before it commits.
        const wal = `${file}-wal`;
        const stamp = () =>
          existsSync(wal) ? `${statSync(wal).size}/${statSync(wal).mtimeMs}` : '';
        const before = stamp();
        return () => Promise.resolve(stamp() !== before);
      },
      async backup() {
        // SQLite's online backup API: a consistent copy while the hub keeps running.
        const target = join(dir, `backup-${++backups}.sqlite`);
        const source = new Database(file, { readonly: true });
        try {
          await source.backup(target);
        } finally {
          source.close();
        }
        return target;
      },
      restore(backup) {
        for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        copyFileSync(backup, file);
        return Promise.resolve();
      },
      drop() {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

export const POSTGRES_STORE: MatrixStore = {
  name: 'PostgreSQL',
  async create() {
    const database = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-faults-pg-'));
    const name = new URL(database.url).pathname.slice(1);
    let backups = 0;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    return {
      url: database.url,
      open: () => openPostgresStorage(database.url, 4),
      watchWrites() {
        // A backend of the hub's database holding a transaction id has written something.
        return async () => {
          const client = new pg.Client({ connectionString: PG_ADMIN_URL });
          await client.connect();
          try {
            const { rows } = await client.query<{ n: string }>(
              'select count(*) as n from pg_stat_activity where datname = $1 and backend_xid is not null',
              [name],
            );
            return Number(rows[0]?.n) > 0;
          } finally {
            await client.end();
          }
        };
      },
      async backup() {
        // What an operator does: pg_dump in the custom format, restored with pg_restore.
        const target = join(dir, `backup-${++backups}.dump`);
        await run('pg_dump', ['--format=custom', `--file=${target}`, database.url]);
        return target;
      },
      async restore(backup) {
        await admin(`drop database if exists ${name} with (force)`);
        await admin(`create database ${name}`);
        await run('pg_restore', ['--no-owner', `--dbname=${database.url}`, backup]);
      },
      async drop() {
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** What the devices created, by record id and op id, for the final count. */
class Ledger {
  readonly notes = new Set<string>();
  readonly ops = new Set<string>();

  /** Notes the ops in these devices' outboxes create; call before each sync. */
  async take(...devices: { db: AnyDoorDatabase }[]): Promise<void> {
    for (const device of devices) {
      for (const entry of await device.db.outbox.toArray()) {
        this.ops.add(entry.opId);
        if (entry.op.kind === 'contactNote.create') this.notes.add(entry.recordId);
      }
    }
  }
}

const sorted = (values: Iterable<string>) => [...values].sort();

/**
 * The count every fault ends with. On the hub: each note created on a device exactly once,
 * and each op applied exactly once. On each device: every note it wrote still there, the
 * outbox empty and nothing set aside.
 */
async function expectExactlyOnce(
  storage: Storage,
  ledger: Ledger,
  devices: { db: AnyDoorDatabase }[],
  options: { deviceIds?: string[] } = {},
): Promise<void> {
  const onHub = (await storage.contacts.listContactNotes()).filter(
    (n) => !options.deviceIds || options.deviceIds.includes(n.deviceId),
  );
  const hubIds = onHub.map((n) => n.id);
  expect(new Set(hubIds).size, 'duplicated notes on the hub').toBe(hubIds.length);
  expect(sorted(hubIds), 'notes lost or invented on the hub').toEqual(sorted(ledger.notes));
  if (!options.deviceIds) {
    expect(await storage.core.countAppliedOps(), 'ops applied on the hub').toBe(ledger.ops.size);
  }
  const onDevices = new Set<string>();
  for (const device of devices) {
    expect(await device.db.outbox.count(), 'outbox not empty').toBe(0);
    expect(await device.db.attention.count(), 'ops set aside').toBe(0);
    for (const note of await device.db.contactNotes.toArray()) onDevices.add(note.id);
  }
  for (const id of ledger.notes) expect(onDevices.has(id), `note ${id} lost on device`).toBe(true);
}

function demoPack() {
  const checked = validatePack(buildDemoPack());
  if (!checked.ok) throw new Error('invalid demo pack');
  return checked.pack;
}

/** A fetch that follows the hub wherever it (re)starts, and can be switched off. */
function network(target: () => string) {
  const state = { online: true };
  const fetchFn: typeof fetch = (input, init) => {
    if (!state.online) return Promise.reject(new TypeError('fetch failed: offline'));
    const url = String(input instanceof Request ? input.url : input);
    return fetch(url.replace(/^https?:\/\/[^/]+/, target()), init);
  };
  return { state, fetch: fetchFn };
}

const caseInput = {
  type: 'complaint' as const,
  serviceId: 'missed-bin-collection',
  channel: 'face-to-face' as const,
  details: 'Missed three weeks running.',
  location: { postcode: 'NM3 4CD' },
  author: 'Sam (volunteer)',
};

export function describeFaultMatrix(store: MatrixStore): void {
  describe(`fault matrix on ${store.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function hubOn(database: HubDatabase, configure?: Parameters<typeof startHub>[0]) {
      const hub = await startHub({ ...configure, storage: database.open() });
      cleanups.push(() => hub.close());
      return hub;
    }
    async function freshDatabase(): Promise<HubDatabase> {
      const database = await store.create();
      cleanups.push(() => database.drop());
      return database;
    }

    it('1. server process killed (SIGKILL) in the middle of a push batch', async () => {
      const database = await freshDatabase();
      const dataDir = mkdtempSync(join(tmpdir(), 'anydoor-kill-'));
      const env = { DATABASE_URL: database.url };
      let server: ServerProcess = await startServerProcess(env, dataDir);
      cleanups.push(async () => {
        if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      });
      // Between device and hub, a proxy that hands the first push to the hub whole, then kills
      // the hub as soon as its transaction has started writing (or, failing a sign of that
      // within 5 s, anyway): it dies applying the batch, never answering.
      let killed = false;
      let firstBatch = 0;
      const proxy = await killingProxy(
        () => server.url,
        (body) => {
          if (killed || !body.includes('"contactNote.create"')) return false;
          killed = true;
          firstBatch = body.split('"contactNote.create"').length - 1;
          const writing = database.watchWrites();
          const started = Date.now();
          const poll = async (): Promise<void> => {
            if (!(await writing()) && Date.now() - started < 5000) return poll();
            server.child.kill('SIGKILL');
          };
          void poll();
          return true;
        },
      );
      cleanups.push(() => new Promise((resolve) => proxy.server.close(() => resolve())));

      const code = server.codes.get('Central Library');
      if (!code) throw new Error('no enrolment code printed');
      const enrolled = await enrolOver(server.url, code);
      const device = await openDevice(proxy.url, enrolled, { pushBatch: 1000 });
      const ledger = new Ledger();
      // A large batch (1000 notes of half a kilobyte), then more behind it.
      for (let i = 0; i < 1500; i++) await device.write(`Killed mid-batch ${i} ${'x'.repeat(500)}`);
      await ledger.take(device);

      await expect(device.engine.syncOnce()).rejects.toMatchObject({ retryable: true });
      expect(killed).toBe(true);
      if (server.child.exitCode === null && server.child.signalCode === null) {
        await new Promise((resolve) => server.child.once('exit', resolve));
      }
      expect(await device.db.outbox.count()).toBe(1500);

      // Restart on the same data. The hub applies a large batch in several transactions, in
      // the order sent (core-store.ts, applyOps), so what committed is a prefix of the batch
      // (each note whole), and the device's next sync brings the rest, exactly once.
      const check = database.open();
      try {
        const mine = (await check.contacts.listContactNotes()).filter(
          (n) => n.deviceId === enrolled.deviceId,
        );
        expect(firstBatch).toBe(1000);
        expect(mine.length).toBeLessThanOrEqual(firstBatch);
        const held = mine.map((n) => Number(/^Killed mid-batch (\d+) x{500}$/.exec(n.note)?.[1]));
        expect(held.toSorted((a, b) => a - b)).toEqual(held.map((_, i) => i));
      } finally {
        await check.close();
      }
      server = await startServerProcess(env, dataDir);
      const outcome = await device.engine.syncOnce();
      expect(outcome.sent).toBe(1500);

      const storage = database.open();
      try {
        await expectExactlyOnce(storage, ledger, [device], { deviceIds: [enrolled.deviceId] });
      } finally {
        await storage.close();
      }
    });

    it('2. the server commits but the response never arrives', async () => {
      const database = await freshDatabase();
      let drops = 2;
      const hub = await hubOn(database, {
        configure(app) {
          app.addHook('onSend', async (request, _reply, payload) => {
            if (request.url === '/api/sync' && drops > 0) {
              drops--;
              // After the commit, the connection dies before a byte of the answer leaves.
              request.raw.socket.destroy();
            }
            return payload;
          });
        },
      });
      const device = await openDevice(hub.url, await hub.enrol(), { pushBatch: 50 });
      const ledger = new Ledger();
      for (let i = 0; i < 120; i++) await device.write(`Lost answer ${i}`);
      await ledger.take(device);

      await expect(device.engine.syncOnce()).rejects.toMatchObject({ key: 'unreachable' });
      expect(await hub.storage.core.countAppliedOps()).toBe(50); // committed…
      expect(await device.db.outbox.count()).toBe(120); // …but never acknowledged
      await expect(device.engine.syncOnce()).rejects.toMatchObject({ key: 'unreachable' });
      await device.engine.syncOnce();
      await expectExactlyOnce(hub.storage, ledger, [device]);
    });

    it('3. the same batch delivered twice, and batches delivered out of order', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      const enrolled = await hub.enrol();
      const device = await openDevice(hub.url, enrolled);
      const reader = await openDevice(hub.url, await hub.enrol());
      const ledger = new Ledger();
      for (let i = 0; i < 90; i++) await device.write(`Replayed ${i}`);
      await ledger.take(device);

      // The device's own batches, as its engine would send them: oldest first, 30 at a time.
      const ops = (await device.db.outbox.orderBy('seq').toArray()).map((e) => e.op);
      const [b1, b2, b3] = [ops.slice(0, 30), ops.slice(30, 60), ops.slice(60)];
      const push = async (batch: Op[]): Promise<OpResult[]> => {
        const res = await fetch(`${hub.url}/api/sync`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${enrolled.token}`,
          },
          body: JSON.stringify({
            type: 'sync',
            protocolVersion: PROTOCOL_VERSION,
            push: batch,
            cursor: null,
          }),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { results: OpResult[] }).results;
      };
      // The last batch first, then the first; each twice, the copies racing one another.
      const results = (await Promise.all([push(b3), push(b1), push(b3), push(b1)])).flat();
      results.push(...(await push(b2)), ...(await push(b2)));
      const applied = results.filter((r) => r.status === 'applied').map((r) => r.opId);
      expect(results.every((r) => r.status === 'applied' || r.status === 'duplicate')).toBe(true);
      expect(sorted(applied), 'each op applied exactly once').toEqual(sorted(ledger.ops));

      // The device's own sync now learns every op was applied before.
      const outcome = await device.engine.syncOnce();
      expect(outcome).toMatchObject({ sent: 90, rejected: 0 });
      await reader.engine.syncOnce();
      const pulled = (await reader.db.contactNotes.toArray()).map((n) => n.id);
      expect(sorted(pulled)).toEqual(sorted(ledger.notes));
      await expectExactlyOnce(hub.storage, ledger, [device]);
    });

    it('4. the page closed between a write and its sync', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      const enrolled = await hub.enrol();
      const dbName = `closed-page-${Date.now()}`;
      const ledger = new Ledger();
      const first = await openDevice(hub.url, enrolled, { dbName });
      for (let i = 0; i < 5; i++) await first.write(`Before closing ${i}`);
      await ledger.take(first);
      // The page goes away: its database connection and engine with it, nothing synced.
      first.db.close();

      const reopened = new AnyDoorDatabase(dbName);
      expect(await reopened.outbox.count()).toBe(5);
      await new SyncEngine({ db: reopened, baseUrl: hub.url }).syncOnce();
      await expectExactlyOnce(hub.storage, ledger, [{ db: reopened }]);
    });

    it('5. 72 hours offline with 5,000 records, then one sync', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      const net = network(() => hub.url);
      const device = await openDevice(hub.url, await hub.enrol(), { fetch: net.fetch });
      const ledger = new Ledger();
      net.state.online = false;
      // 72 hours of device time pass while the records are written (no real waiting): one
      // every 52 seconds, with the scheduler's attempts failing along the way.
      const start = Date.now();
      const step = (72 * HOUR) / 5000;
      const input = { staffName: 'Sam', serviceName: 'Bins', channel: 'face-to-face' as const };
      for (let i = 0; i < 5000; i++) {
        await createContactNote(
          device.db,
          { ...input, note: `Offline ${i}` },
          new Date(start + i * step),
        );
        if (i % 1000 === 999) {
          await expect(device.engine.syncOnce()).rejects.toMatchObject({ key: 'unreachable' });
        }
      }
      await ledger.take(device);
      expect(ledger.notes.size).toBe(5000);

      net.state.online = true;
      const outcome = await device.engine.syncOnce();
      expect(outcome.sent).toBe(5000);
      expect(outcome.requests).toBeGreaterThanOrEqual(5);
      await expectExactlyOnce(hub.storage, ledger, [device]);
    });

    it('6. the device clock 48 hours fast, and 48 hours slow', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      const pack = demoPack();
      await hub.storage.core.publishPack(pack, { now: new Date().toISOString() });
      const fast = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
      });
      const slow = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
      });
      const observer = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
      });
      const fastNow = () => new Date(Date.now() + 48 * HOUR);
      const slowNow = () => new Date(Date.now() - 48 * HOUR);
      // The same write the screens make, with the device clock where it is.
      const note = (device: TestDevice, now: Date, text: string) =>
        createContactNote(
          device.db,
          { staffName: 'Sam', serviceName: 'Bins', channel: 'face-to-face', note: text },
          now,
        );
      const ledger = new Ledger();

      await note(fast, fastNow(), 'from the future');
      const opened = await openCase(fast.db, caseInput, { tier: 2 }, fastNow());
      await ledger.take(fast);
      await fast.engine.syncOnce();
      await slow.engine.syncOnce();
      await note(slow, slowNow(), 'from the past');
      await addCaseEvent(
        slow.db,
        { caseId: opened.id, kind: 'acknowledged', author: 'Slow' },
        slowNow(),
      );
      await ledger.take(slow);
      await slow.engine.syncOnce();
      await fast.engine.syncOnce();
      await addCaseEvent(
        fast.db,
        { caseId: opened.id, kind: 'resolved', author: 'Fast' },
        fastNow(),
      );
      await ledger.take(fast);
      await fast.engine.syncOnce();
      await slow.engine.syncOnce();
      // Written 96 hours "before" the resolution by its clock, but after it in fact.
      await addCaseEvent(
        slow.db,
        { caseId: opened.id, kind: 'reopened', author: 'Slow' },
        slowNow(),
      );
      await ledger.take(slow);
      await slow.engine.syncOnce();
      await observer.engine.syncOnce();

      const found = await hub.storage.cases.findCaseByReference(opened.reference);
      if (!found) throw new Error('case lost');
      const kinds = found.events.map((e) => e.kind);
      expect(kinds).toEqual(['opened', 'routed', 'acknowledged', 'resolved', 'reopened']);
      // Ordered by the hub's sequence, so the later reopening stands, whatever the clocks said.
      const seqs = found.events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(caseState(found.events).status).toBe('acknowledged');
      const seen = (await observer.db.caseEvents
        .where('caseId')
        .equals(opened.id)
        .toArray()) as CaseEvent[];
      expect(caseState(seen).status).toBe('acknowledged');
      expect(caseState(seen).conflicts).toEqual([]);
      // Commitments run from the hub's receipt, never from the device clock.
      const service = pack.services.find((s) => s.id === caseInput.serviceId);
      const commitment = pack.commitments.find((c) => c.serviceId === caseInput.serviceId);
      if (!service) throw new Error('demo service missing');
      const owner = routeCase(service, caseInput.location.postcode);
      expect(found.record.dues).toEqual(
        caseDues(commitment, owner, new Date(found.record.receivedAt)),
      );
      expect(found.record.dues).not.toEqual(caseDues(commitment, owner, new Date(opened.openedAt)));
      expect((await observer.db.cases.get(opened.id))?.dues).toEqual(found.record.dues);

      await expectExactlyOnce(hub.storage, ledger, [fast, slow]);
    });

    it('7. two devices editing the same local page and the same case offline', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      await hub.storage.core.publishPack(demoPack(), { now: new Date().toISOString() });
      const a = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
      });
      const b = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
      });
      const ledger = new Ledger();
      const page = await saveLocalPage(a.db, {
        baseRevisionIds: [],
        title: 'Lift',
        body: '<p>The lift works.</p>',
        author: 'Ana',
      });
      const opened = await openCase(a.db, caseInput, { tier: 2 });
      await ledger.take(a);
      await a.engine.syncOnce();
      await b.engine.syncOnce();

      // Both offline: each edits the page from the same revision and acts on the same case.
      const fromA = await saveLocalPage(a.db, {
        pageId: page.pageId,
        baseRevisionIds: [page.id],
        title: 'Lift',
        body: '<p>Lift broken, use the ramp.</p>',
        author: 'Ana',
      });
      const fromB = await saveLocalPage(b.db, {
        pageId: page.pageId,
        baseRevisionIds: [page.id],
        title: 'Lift',
        body: '<p>Lift repaired on Monday.</p>',
        author: 'Ben',
      });
      await addCaseEvent(a.db, { caseId: opened.id, kind: 'resolved', author: 'Ana' });
      await addCaseEvent(b.db, {
        caseId: opened.id,
        kind: 'escalated',
        reason: 'Third missed collection',
        author: 'Ben',
      });
      await ledger.take(a, b);
      await a.engine.syncOnce();
      await b.engine.syncOnce();
      await a.engine.syncOnce();

      // On the hub and on both devices: both revisions kept, the page in conflict.
      const onHub = await hub.storage.localPages.listPageRevisions(page.pageId);
      expect(sorted(onHub.map((r) => r.id))).toEqual(sorted([page.id, fromA.id, fromB.id]));
      for (const device of [a, b]) {
        const revisions = await device.db.pageRevisions
          .where('pageId')
          .equals(page.pageId)
          .toArray();
        const state = pageState(revisions);
        expect(state?.conflict).toBe(true);
        expect(sorted(state?.heads.map((h) => h.body) ?? [])).toEqual(
          sorted([fromA.body, fromB.body]),
        );
      }
      // Both actions in the case's log, the clash flagged for a person to settle.
      const found = await hub.storage.cases.findCaseByReference(opened.reference);
      expect(found?.events.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['resolved', 'escalated']),
      );
      expect(caseState(found?.events ?? []).conflicts).toHaveLength(1);
      for (const device of [a, b]) {
        const events = (await device.db.caseEvents
          .where('caseId')
          .equals(opened.id)
          .toArray()) as CaseEvent[];
        expect(events.filter((e) => e.seq > 0)).toHaveLength(4);
        expect(caseState(events).conflicts).toHaveLength(1);
      }
      await expectExactlyOnce(hub.storage, ledger, [a, b]);
    });

    it('8. storage quota exhausted on the device', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      const device = await openDevice(hub.url, await hub.enrol());
      const ledger = new Ledger();
      await device.write('before the disk filled');
      await ledger.take(device);
      // The browser refuses the outbox write as out of quota: the note must go with it.
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      device.db.outbox.hook('creating', full);
      await expect(device.write('does not fit')).rejects.toMatchObject({
        name: 'StorageFullError',
      });
      device.db.outbox.hook('creating').unsubscribe(full);
      expect(await device.db.contactNotes.count()).toBe(1);
      expect(await device.db.outbox.count()).toBe(1);
      await device.write('after space was freed');
      await ledger.take(device);
      await device.engine.syncOnce();
      await expectExactlyOnce(hub.storage, ledger, [device]);
    });

    it('9. an IndexedDB schema upgrade with data present', async () => {
      const database = await freshDatabase();
      const hub = await hubOn(database);
      const enrolled = await hub.enrol('civic-centre');
      await hub.storage.core.publishPack(demoPack(), { now: new Date().toISOString() });
      const dbName = `upgrade-${Date.now()}`;
      const previous = SCHEMA_VERSIONS.at(-2)?.version ?? 1;
      // The app as it was one schema ago, enrolled, with notes, a page and a case waiting.
      const older = new AnyDoorDatabase(dbName, { upToVersion: previous });
      await older.settings.bulkPut([
        {
          key: 'device',
          deviceId: enrolled.deviceId,
          token: enrolled.token,
          deviceName: 'Test',
          accessPointId: enrolled.accessPoint.id,
          accessPointName: enrolled.accessPoint.name,
          enrolledAt: new Date().toISOString(),
        },
        EMPTY_SYNC_SETTINGS,
        // Somebody whose role may edit pages is signed in (an op naming nobody may not).
        {
          key: 'staffSession',
          staffId: 'alun-davies',
          name: 'Alun Davies',
          role: 'back-office',
          partnerId: 'northam-district-council',
          signedInAt: new Date().toISOString(),
          lastActiveAt: new Date().toISOString(),
        },
      ]);
      expect(older.verno).toBe(previous);
      const input = { staffName: 'Sam', serviceName: 'Bins', channel: 'face-to-face' as const };
      for (let i = 0; i < 20; i++) await createContactNote(older, { ...input, note: `old ${i}` });
      await saveLocalPage(older, {
        baseRevisionIds: [],
        title: 'Rota',
        body: '<p>Mon</p>',
        author: 'Ana',
      });
      await openCase(older, caseInput, { tier: 2 });
      const ledger = new Ledger();
      const counts = async (db: AnyDoorDatabase) => [
        await db.contactNotes.count(),
        await db.pageRevisions.count(),
        await db.cases.count(),
        await db.caseEvents.count(),
        await db.contacts.count(),
        await db.outbox.count(),
      ];
      const before = await counts(older);
      await ledger.take({ db: older });
      older.close();

      // The new app opens the same database: everything is there and still syncs.
      const latest = new AnyDoorDatabase(dbName);
      await latest.open();
      expect(latest.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
      expect(await counts(latest)).toEqual(before);
      await new SyncEngine({ db: latest, baseUrl: hub.url }).syncOnce();
      await expectExactlyOnce(hub.storage, ledger, [{ db: latest }]);
      expect(await hub.storage.cases.listCases()).toHaveLength(1);
    });

    it('10. the server restored from an older backup', async () => {
      const database = await freshDatabase();
      let hub: TestHub = await startHub({ storage: database.open() });
      let hubOpen = true;
      cleanups.push(async () => {
        if (hubOpen) await hub.close();
      });
      await hub.storage.core.publishPack(demoPack(), { now: new Date().toISOString() });
      const net = network(() => hub.url);
      const writer = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
        fetch: net.fetch,
      });
      const reader = await openDevice(hub.url, await hub.enrol('civic-centre'), {
        signedIn: 'alun-davies',
        fetch: net.fetch,
      });
      const ledger = new Ledger();
      for (let i = 0; i < 5; i++) await writer.write(`Before the backup ${i}`);
      const opened = await openCase(writer.db, caseInput, { tier: 2 });
      await ledger.take(writer);
      await writer.engine.syncOnce();
      await reader.engine.syncOnce();

      const backup = await database.backup();

      // After the backup: more writes, acknowledged to the writer and pulled by the reader.
      for (let i = 0; i < 7; i++) await writer.write(`After the backup ${i}`);
      await addCaseEvent(writer.db, { caseId: opened.id, kind: 'acknowledged', author: 'Ana' });
      await ledger.take(writer);
      await writer.engine.syncOnce();
      await reader.engine.syncOnce();
      expect(await writer.db.outbox.count()).toBe(0);
      expect(await writer.db.journal.count()).toBe(ledger.ops.size);
      expect(await reader.db.contactNotes.count()).toBe(12);

      // The hub is restored from the backup: it has lost 8 acknowledged ops and their feed.
      await hub.close();
      hubOpen = false;
      await database.restore(backup);
      hub = await startHub({ storage: database.open() });
      hubOpen = true;
      expect(await hub.storage.core.countAppliedOps()).toBe(ledger.ops.size - 8);

      // The writer notices and re-sends; then the feed passes the reader's old position
      // before the reader comes back: it notices too and pulls again from the start.
      for (let i = 0; i < 3; i++) await writer.write(`After the restore ${i}`);
      await ledger.take(writer);
      await writer.engine.syncOnce();
      await expectExactlyOnce(hub.storage, ledger, [writer]);
      await reader.engine.syncOnce();
      const readerNotes = (await reader.db.contactNotes.toArray()).map((n) => n.id);
      expect(sorted(readerNotes)).toEqual(sorted(ledger.notes));
      const events = (
        await reader.db.caseEvents.where('caseId').equals(opened.id).toArray()
      ).filter((e) => e.seq > 0);
      expect(events.map((e) => e.kind).sort()).toEqual(['acknowledged', 'opened', 'routed']);

      // The reader's cursor is back in step: what is written next reaches it once.
      await writer.write('In step again');
      await ledger.take(writer);
      await writer.engine.syncOnce();
      const next = await reader.engine.syncOnce();
      expect(next.received).toBe(1);
      expect(await reader.db.contactNotes.count()).toBe(ledger.notes.size);
      await expectExactlyOnce(hub.storage, ledger, [writer]);
    });
  });
}

/** Enrols a device with the real server process, as the enrolment screen does. */
async function enrolOver(url: string, code: string): Promise<EnrolResponse> {
  const res = await fetch(`${url}/api/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'enrol',
      protocolVersion: PROTOCOL_VERSION,
      code,
      deviceName: 'Test',
    }),
  });
  if (res.status !== 201) throw new Error(`enrol failed: ${await res.text()}`);
  return (await res.json()) as EnrolResponse;
}

/**
 * An HTTP proxy to the hub. Each request is forwarded whole; once it has been handed to the
 * hub, `afterSent` may kill the hub, and the device's connection then dies unanswered.
 */
async function killingProxy(
  target: () => string,
  afterSent: (body: string) => boolean,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', target());
      // The request that triggers the kill never gets its answer through, however fast the
      // hub was: the device must not learn whether the batch committed.
      let swallow = false;
      const upstream = httpRequest(
        url,
        { method: req.method, headers: { ...req.headers, host: url.host } },
        (answer) => {
          if (swallow) {
            answer.resume();
            res.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body, () => {
        swallow = afterSent(body.toString());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}
