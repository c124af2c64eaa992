// Every write a person makes: the record and its outbox entry in one IndexedDB transaction,
// so a write is either fully queued for sync or not made at all.
import type { ContactNoteInput } from '../../shared/contact-note.ts';
import { newId } from '../../shared/ids.ts';
import { validateOp } from '../../shared/sync/mutations.ts';
import type { Op } from '../../shared/sync/protocol.ts';
import { getDevice, type AnyDoorDatabase, type LocalContactNote } from './database.ts';

export class NotEnrolledError extends Error {
  constructor() {
    super('This device is not enrolled yet.');
  }
}

export class InvalidWriteError extends Error {}

export async function createContactNote(
  db: AnyDoorDatabase,
  input: Omit<ContactNoteInput, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<LocalContactNote> {
  return db.transaction('rw', [db.settings, db.contactNotes, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'contactNote.create',
      clientTime: now.toISOString(),
      payload: { ...input, id: newId(), createdAt: now.toISOString() },
    };
    // The same schema the server applies: nothing malformed ever enters the outbox.
    const checked = validateOp(op);
    if (!checked.ok) throw new InvalidWriteError(checked.reason);
    if (checked.op.kind !== 'contactNote.create') throw new InvalidWriteError('unexpected kind');
    const note: LocalContactNote = {
      ...checked.op.payload,
      accessPointId: device.accessPointId,
      deviceId: device.deviceId,
      receivedAt: '',
    };
    await db.contactNotes.add(note);
    await db.outbox.add({
      opId: op.id,
      recordId: note.id,
      op: { ...op, payload: checked.op.payload },
    });
    return note;
  });
}
