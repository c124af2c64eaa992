import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { AnyDoorDatabase, SCHEMA_VERSIONS } from './database.ts';
import {
  createContactNote,
  InvalidWriteError,
  NotEnrolledError,
  StorageFullError,
} from './writes.ts';

const name = () => `test-${crypto.randomUUID()}`;

async function enrolled(db: AnyDoorDatabase) {
  await db.settings.put({
    key: 'device',
    deviceId: crypto.randomUUID(),
    token: 't',
    deviceName: 'd',
    accessPointId: 'central-library',
    accessPointName: 'Central Library',
    enrolledAt: new Date().toISOString(),
  });
  return db;
}

const input = {
  staffName: 'Priya',
  serviceName: 'Blue badge',
  channel: 'face-to-face' as const,
  note: 'Brought proof of address.',
};

describe('client database', () => {
  it('upgrades from the first schema without losing anything', async () => {
    const dbName = name();
    const v1 = new AnyDoorDatabase(dbName, { upToVersion: 1 });
    const sent = { id: newId(), receivedAt: '2026-11-01T10:00:00.000Z' };
    const unsent = { id: newId(), receivedAt: '' };
    await v1.table('contactNotes').bulkAdd([
      { ...input, ...sent, createdAt: sent.receivedAt, accessPointId: 'a', deviceId: 'd' },
      { ...input, ...unsent, createdAt: sent.receivedAt, accessPointId: 'a', deviceId: 'd' },
    ]);
    await v1.table('outbox').add({ opId: 'op-1', recordId: unsent.id, op: {} });
    v1.close();

    const latest = new AnyDoorDatabase(dbName);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect(await latest.contactNotes.get(sent.id)).toMatchObject(sent);
    expect(await latest.contactNotes.orderBy('createdAt').count()).toBe(2);
    // The index added by v2 covers the entry written under v1.
    expect(await latest.outbox.where('recordId').equals(unsent.id).count()).toBe(1);
    latest.close();
  });

  it('writes the record and its outbox entry together', async () => {
    const db = await enrolled(new AnyDoorDatabase(name()));
    const note = await createContactNote(db, input);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ recordId: note.id, op: { kind: 'contactNote.create' } });
    expect(entry?.op.id).toBe(entry?.opId);
    expect(await db.contactNotes.get(note.id)).toMatchObject({ id: note.id, receivedAt: '' });
  });

  it('stores nothing when a write cannot be queued', async () => {
    const db = new AnyDoorDatabase(name());
    await expect(createContactNote(db, input)).rejects.toBeInstanceOf(NotEnrolledError);
    await enrolled(db);
    await expect(createContactNote(db, { ...input, staffName: ' ' })).rejects.toBeInstanceOf(
      InvalidWriteError,
    );
    // The outbox add fails after the record was added: the transaction takes both back.
    const failing = () => {
      throw new Error('quota exceeded');
    };
    db.outbox.hook('creating', failing);
    await expect(createContactNote(db, input)).rejects.toThrow('quota exceeded');
    db.outbox.hook('creating').unsubscribe(failing);
    expect(await db.contactNotes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('says the device is full, and keeps nothing, when the browser is out of quota', async () => {
    const db = await enrolled(new AnyDoorDatabase(name()));
    // As a browser reports it: a DOMException named QuotaExceededError from the outbox write.
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.outbox.hook('creating', full);
    const error = await createContactNote(db, input).catch((e: unknown) => e);
    db.outbox.hook('creating').unsubscribe(full);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(await db.contactNotes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // Other failures keep their own message.
    await expect(createContactNote(db, { ...input, note: 'x'.repeat(5000) })).rejects.toThrow(
      InvalidWriteError,
    );
  });
});
