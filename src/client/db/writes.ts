// Every write a person makes: the record and its outbox entry in one IndexedDB transaction,
// so a write is either fully queued for sync or not made at all.
import type { CaseEventInput, CaseOpenInput } from '../../shared/case.ts';
import type { ContactInput } from '../../shared/contact.ts';
import { newReference } from '../../shared/reference.ts';
import type { ContactNoteInput } from '../../shared/contact-note.ts';
import type { LocalPageRevision, LocalPageRevisionInput } from '../../shared/local-page.ts';
import { newId } from '../../shared/ids.ts';
import { validateOp } from '../../shared/sync/mutations.ts';
import type { Op } from '../../shared/sync/protocol.ts';
import {
  getDevice,
  type AnyDoorDatabase,
  type LocalCase,
  type LocalContact,
  type LocalContactNote,
} from './database.ts';

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

/**
 * Saves a local page: a new revision replacing `baseRevisionIds` (none for a new page, all the
 * heads to merge a conflict), queued for sync in the same transaction.
 */
export async function saveLocalPage(
  db: AnyDoorDatabase,
  input: Omit<LocalPageRevisionInput, 'id' | 'createdAt' | 'pageId'> & { pageId?: string },
  now = new Date(),
): Promise<LocalPageRevision> {
  return db.transaction('rw', [db.settings, db.pageRevisions, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'localPage.save',
      clientTime: now.toISOString(),
      payload: {
        ...input,
        pageId: input.pageId ?? newId(),
        id: newId(),
        createdAt: now.toISOString(),
      },
    };
    const checked = validateOp(op);
    if (!checked.ok) throw new InvalidWriteError(checked.reason);
    if (checked.op.kind !== 'localPage.save') throw new InvalidWriteError('unexpected kind');
    const revision: LocalPageRevision = {
      ...checked.op.payload,
      accessPointId: device.accessPointId,
      deviceId: device.deviceId,
      receivedAt: '',
    };
    await db.pageRevisions.add(revision);
    await db.outbox.add({
      opId: op.id,
      recordId: revision.id,
      op: { ...op, payload: checked.op.payload },
    });
    return revision;
  });
}

/** Records how an interaction ended (no personal data), queued for sync like any write. */
export async function recordContact(
  db: AnyDoorDatabase,
  input: Omit<ContactInput, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<LocalContact> {
  return db.transaction('rw', [db.settings, db.contacts, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'contact.record',
      clientTime: now.toISOString(),
      payload: { ...input, id: newId(), createdAt: now.toISOString() },
    };
    const checked = validateOp(op);
    if (!checked.ok || checked.op.kind !== 'contact.record') {
      throw new InvalidWriteError(checked.ok ? 'unexpected kind' : checked.reason);
    }
    const contact: LocalContact = {
      ...checked.op.payload,
      accessPointId: device.accessPointId,
      deviceId: device.deviceId,
      receivedAt: '',
    };
    await db.contacts.add(contact);
    await db.outbox.add({
      opId: op.id,
      recordId: contact.id,
      op: { ...op, payload: checked.op.payload },
    });
    return contact;
  });
}

/** A kiosk calls for a person (or a counter answers a call), through the sync hub. */
export async function sendHelpEvent(
  db: AnyDoorDatabase,
  answering: string | null,
  now = new Date(),
): Promise<string> {
  return db.transaction('rw', [db.settings, db.helpEvents, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const id = newId();
    const payload = answering
      ? { id, requestId: answering, createdAt: now.toISOString() }
      : { id, createdAt: now.toISOString() };
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: answering ? 'help.answer' : 'help.request',
      clientTime: now.toISOString(),
      payload,
    };
    const checked = validateOp(op);
    if (!checked.ok) throw new InvalidWriteError(checked.reason);
    await db.helpEvents.add({
      id,
      kind: answering ? 'answer' : 'request',
      requestId: answering,
      accessPointId: device.accessPointId,
      deviceId: device.deviceId,
      deviceName: device.deviceName,
      createdAt: now.toISOString(),
      receivedAt: '',
    });
    await db.outbox.add({ opId: op.id, recordId: id, op });
    return id;
  });
}

/**
 * Opens a case at this door, offline if need be: the reference is made here so the citizen
 * leaves with it. Routing and due times come back from the hub. Also logs the contact.
 */
export async function openCase(
  db: AnyDoorDatabase,
  input: Omit<CaseOpenInput, 'id' | 'reference' | 'openedAt'>,
  contact: { tier: ContactInput['tier'] },
  now = new Date(),
): Promise<LocalCase> {
  return db.transaction(
    'rw',
    [db.settings, db.cases, db.caseEvents, db.contacts, db.outbox],
    async () => {
      const device = await getDevice(db);
      if (!device) throw new NotEnrolledError();
      const op: Op = {
        id: newId(),
        deviceId: device.deviceId,
        kind: 'case.open',
        clientTime: now.toISOString(),
        payload: { ...input, id: newId(), reference: newReference(), openedAt: now.toISOString() },
      };
      const checked = validateOp(op);
      if (!checked.ok || checked.op.kind !== 'case.open') {
        throw new InvalidWriteError(checked.ok ? 'unexpected kind' : checked.reason);
      }
      const payload = checked.op.payload;
      const record: LocalCase = {
        ...payload,
        accessPointId: device.accessPointId,
        deviceId: device.deviceId,
        receivedAt: '',
        ownerPartnerId: '',
        ownerTeamId: '',
        dues: [],
      };
      await db.cases.add(record);
      await db.caseEvents.add({
        id: `${payload.id}:opened`,
        caseId: payload.id,
        seq: 0,
        kind: 'opened',
        author: payload.author,
        basedOn: null,
        createdAt: payload.openedAt,
        receivedAt: '',
        deviceId: device.deviceId,
      });
      await db.outbox.add({ opId: op.id, recordId: payload.id, op: { ...op, payload } });
      await recordContact(
        db,
        {
          serviceId: payload.serviceId,
          channel: payload.channel,
          tier: contact.tier,
          outcome: 'captured',
          path: [],
        },
        now,
      );
      return record;
    },
  );
}

/** Adds an action to a case's log, based on the newest hub-ordered event this device has seen. */
export async function addCaseEvent(
  db: AnyDoorDatabase,
  input: Omit<CaseEventInput, 'id' | 'createdAt' | 'basedOn'>,
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.settings, db.caseEvents, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const known = await db.caseEvents.where('caseId').equals(input.caseId).toArray();
    const basedOn = known.reduce<number | null>(
      (max, e) => (e.seq > 0 && e.seq > (max ?? 0) ? e.seq : max),
      null,
    );
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'case.event',
      clientTime: now.toISOString(),
      payload: { ...input, id: newId(), basedOn, createdAt: now.toISOString() },
    };
    const checked = validateOp(op);
    if (!checked.ok || checked.op.kind !== 'case.event') {
      throw new InvalidWriteError(checked.ok ? 'unexpected kind' : checked.reason);
    }
    const payload = checked.op.payload;
    await db.caseEvents.add({
      id: payload.id,
      caseId: payload.caseId,
      seq: 0,
      kind: payload.kind,
      ...(payload.note ? { note: payload.note } : {}),
      ...(payload.stepId ? { stepId: payload.stepId } : {}),
      ...(payload.reason ? { reason: payload.reason } : {}),
      author: payload.author,
      basedOn,
      createdAt: payload.createdAt,
      receivedAt: '',
      deviceId: device.deviceId,
    });
    await db.outbox.add({ opId: op.id, recordId: payload.id, op: { ...op, payload } });
  });
}
