// A device as the app runs it (Dexie database, outbox, sync engine), in Node over fake-indexeddb.
import { randomUUID } from 'node:crypto';
import { AnyDoorDatabase, EMPTY_SYNC_SETTINGS } from '../../src/client/db/database.ts';
import { createContactNote } from '../../src/client/db/writes.ts';
import { SyncEngine } from '../../src/client/sync/sync-engine.ts';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { isPrivileged } from '../../src/shared/staff.ts';
import type { EnrolResponse } from '../../src/shared/sync/protocol.ts';

export interface TestDevice {
  db: AnyDoorDatabase;
  engine: SyncEngine;
  write(note?: string): ReturnType<typeof createContactNote>;
}

export async function openDevice(
  hubUrl: string,
  enrolled: EnrolResponse,
  options: {
    fetch?: typeof fetch;
    dbName?: string;
    pushBatch?: number;
    packPageSize?: number;
    /**
     * A demo person to sign in as (their PIN was checked on the device; a privileged person's
     * secret at the hub, which opens the hub session their ops need).
     */
    signedIn?: string;
  } = {},
): Promise<TestDevice> {
  const db = new AnyDoorDatabase(options.dbName ?? `device-${randomUUID()}`);
  await db.settings.bulkPut([
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
  ]);
  const person = DEMO_STAFF.find((p) => p.id === options.signedIn);
  if (options.signedIn && !person) throw new Error(`no demo person ${options.signedIn}`);
  if (person && isPrivileged(person.role)) {
    const opened = await (options.fetch ?? fetch)(`${hubUrl}/api/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolled.token}` },
      body: JSON.stringify({ staffId: person.id, pin: person.pin }),
    });
    if (opened.status !== 201) throw new Error(`no hub session for ${person.id}: ${opened.status}`);
  }
  if (person) {
    const at = new Date().toISOString();
    await db.settings.put({
      key: 'staffSession',
      staffId: person.id,
      name: person.name,
      role: person.role,
      partnerId: person.partnerId,
      signedInAt: at,
      lastActiveAt: at,
    });
  }
  const engine = new SyncEngine({
    db,
    baseUrl: hubUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.pushBatch ? { pushBatch: options.pushBatch } : {}),
    ...(options.packPageSize ? { packPageSize: options.packPageSize } : {}),
  });
  return {
    db,
    engine,
    write: (note = 'Asked about bin collection days.') =>
      createContactNote(db, {
        staffName: 'Tom Evans',
        serviceName: 'Missed bin collection',
        channel: 'face-to-face',
        note,
      }),
  };
}
