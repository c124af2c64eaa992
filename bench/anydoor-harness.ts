// Our side of the benchmarks: a fresh hub (SQLite file in a temp dir, demo data, random port
// on 127.0.0.1) and a freshly enrolled client over fake-indexeddb. The entry point must
// import 'fake-indexeddb/auto' before anything loads Dexie.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  AnyDoorDatabase,
  getDevice,
  type LocalContactNote,
  type OutboxEntry,
} from '../src/client/db/database.ts';
import { enrolDevice } from '../src/client/features/enrolment/enrol-device.ts';
import { SyncEngine } from '../src/client/sync/sync-engine.ts';
import { buildApp } from '../src/server/app.ts';
import { issueEnrolmentCode } from '../src/server/features/devices/enrolment-codes.ts';
import { seedDemoData } from '../src/server/demo-data.ts';
import { openSqliteStorage, type Storage } from '../src/server/storage.ts';
import type { ContactNoteInput } from '../src/shared/contact-note.ts';
import { newId } from '../src/shared/ids.ts';
import { validateOp } from '../src/shared/sync/mutations.ts';
import type { Op } from '../src/shared/sync/protocol.ts';

export const ACCESS_POINT_ID = 'central-library';

export interface Hub {
  baseUrl: string;
  storage: Storage;
  close(): Promise<void>;
}

let instance = 0;

export async function startHub(): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-bench-'));
  const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
  let app: FastifyInstance | undefined;
  try {
    await storage.migrate();
    await seedDemoData(storage);
    app = await buildApp({ storage, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('hub has no TCP port');
  const listening = app;
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    storage,
    async close() {
      await listening.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  db: AnyDoorDatabase;
  deviceId: string;
  close(): Promise<void>;
}

/** A new IndexedDB database, enrolled at the hub with a fresh one-time code. */
export async function enrolClient(hub: Hub): Promise<Client> {
  const db = new AnyDoorDatabase(`anydoor-bench-${process.pid}-${++instance}-${Date.now()}`);
  await db.open();
  const code = await issueEnrolmentCode(hub.storage, ACCESS_POINT_ID);
  const enrolled = await enrolDevice(db, { code, deviceName: 'Bench tablet' }, hub.baseUrl);
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.message ?? 'network error'}`);
  const device = await getDevice(db);
  if (!device) throw new Error('enrolment stored no device');
  return {
    db,
    deviceId: device.deviceId,
    async close() {
      db.close();
      await db.delete();
    },
  };
}

export function newEngine(client: Client, hub: Hub, fetchFn?: typeof fetch): SyncEngine {
  return new SyncEngine({ db: client.db, baseUrl: hub.baseUrl, fetch: fetchFn });
}

/**
 * Queues `notes` exactly as createContactNote (src/client/db/writes.ts) would, one note and
 * one outbox entry each, but in bulk inside one transaction so that filling is fast.
 */
export async function fillOutbox(
  client: Client,
  notes: readonly ContactNoteInput[],
  now = new Date(),
): Promise<void> {
  const device = await getDevice(client.db);
  if (!device) throw new Error('not enrolled');
  const localNotes: LocalContactNote[] = [];
  const entries: OutboxEntry[] = [];
  for (const input of notes) {
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'contactNote.create',
      clientTime: now.toISOString(),
      payload: input,
    };
    const checked = validateOp(op);
    if (!checked.ok) throw new Error(`bench note is invalid: ${checked.reason}`);
    if (checked.op.kind !== 'contactNote.create') throw new Error('unexpected kind');
    localNotes.push({
      ...checked.op.payload,
      accessPointId: device.accessPointId,
      deviceId: device.deviceId,
      receivedAt: '',
    });
    entries.push({ opId: op.id, recordId: input.id, op: { ...op, payload: checked.op.payload } });
  }
  const { db } = client;
  await db.transaction('rw', [db.contactNotes, db.outbox], async () => {
    await db.contactNotes.bulkAdd(localNotes);
    await db.outbox.bulkAdd(entries);
  });
}

/** A fetch that counts the requests made through it. */
export function countingFetch(): { fetch: typeof fetch; count: () => number; reset: () => void } {
  let requests = 0;
  return {
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
    count: () => requests,
    reset: () => {
      requests = 0;
    },
  };
}
