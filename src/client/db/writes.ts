// Every write a person makes: the record and its outbox entry in one IndexedDB transaction,
// so a write is either fully queued for sync or not made at all.
import type { CaseEventInput, CaseOpenInput } from '../../shared/case.ts';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_CASE,
  isPhotoType,
  type PhotoType,
} from '../../shared/case-photo.ts';
import type { ContactInput } from '../../shared/contact.ts';
import type { FeedbackInput, FollowupConsentInput } from '../../shared/feedback.ts';
import { newReference } from '../../shared/reference.ts';
import type { ContactNoteInput } from '../../shared/contact-note.ts';
import type { ReviewInput } from '../../shared/review.ts';
import type { TrainingCompletion } from '../../shared/training.ts';
import type { LocalPageRevision, LocalPageRevisionInput } from '../../shared/local-page.ts';
import { newId } from '../../shared/ids.ts';
import type { Table } from 'dexie';
import { validateOp } from '../../shared/sync/mutations.ts';
import type { Op } from '../../shared/sync/protocol.ts';
import {
  getDevice,
  getStaffSession,
  type AnyDoorDatabase,
  type LocalCase,
  type LocalContact,
  type LocalAudit,
  type LocalContactNote,
} from './database.ts';

/** Who is signed in, for the op's `staffId`: the hub checks their role and place. */
async function signedInStaff(db: AnyDoorDatabase): Promise<{ staffId?: string }> {
  const session = await getStaffSession(db);
  return session ? { staffId: session.staffId } : {};
}

export class NotEnrolledError extends Error {
  constructor() {
    super('This device is not enrolled yet.');
  }
}

export class InvalidWriteError extends Error {}

/** The browser refused the write for lack of storage space; nothing of it was stored. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** A quota failure however it arrives: thrown, or as the aborted transaction's inner error. */
function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Every write is one read-write transaction. The record and its outbox entry share it, so when
 * the device is out of space the browser aborts both: the person gets a clear message
 * (StorageFullError), never half a record.
 */
async function writeTransaction<T>(
  db: AnyDoorDatabase,
  tables: Table[],
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction('rw', tables, body);
  } catch (error) {
    if (isQuotaError(error) && !(error instanceof StorageFullError)) {
      throw new StorageFullError('This device has no storage space left.', { cause: error });
    }
    throw error;
  }
}

export async function createContactNote(
  db: AnyDoorDatabase,
  input: Omit<ContactNoteInput, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<LocalContactNote> {
  return writeTransaction(db, [db.settings, db.contactNotes, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      ...(await signedInStaff(db)),
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
  return writeTransaction(db, [db.settings, db.pageRevisions, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      ...(await signedInStaff(db)),
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
  return writeTransaction(db, [db.settings, db.contacts, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      ...(await signedInStaff(db)),
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
  return writeTransaction(db, [db.settings, db.helpEvents, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const id = newId();
    const payload = answering
      ? { id, requestId: answering, createdAt: now.toISOString() }
      : { id, createdAt: now.toISOString() };
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      ...(await signedInStaff(db)),
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

/** Why a photo cannot be attached: a key of the i18n "cases.photoErrors" group. */
export type PhotoProblem = 'too-large' | 'not-image' | 'too-many';

/** Checks a chosen photo before it is held: type, size, and how many the case already has. */
export function checkPhoto(
  file: { size: number; type: string },
  alreadyChosen: number,
): PhotoProblem | null {
  if (alreadyChosen >= MAX_PHOTOS_PER_CASE) return 'too-many';
  if (!isPhotoType(file.type)) return 'not-image';
  if (file.size > MAX_PHOTO_BYTES || file.size === 0) return 'too-large';
  return null;
}

/**
 * What the capture counts as the one contact with this citizen: the service's tier and, when a
 * guided flow handed over to the capture, the flow's path (the flow records no contact of its
 * own, so one citizen served is one contact).
 */
export interface CaptureContact {
  tier: ContactInput['tier'];
  path?: ContactInput['path'];
}

/**
 * Opens a case at this door, offline if need be: the reference is made here so the citizen
 * leaves with it. Routing and due times come back from the hub. Also logs the contact.
 */
export async function openCase(
  db: AnyDoorDatabase,
  input: Omit<CaseOpenInput, 'id' | 'reference' | 'openedAt'>,
  contact: CaptureContact,
  now = new Date(),
  photos: Blob[] = [],
): Promise<LocalCase> {
  // Checked before the transaction too: a refused photo must not leave the case half-made.
  photos.forEach((photo, index) => {
    const problem = checkPhoto(photo, index);
    if (problem) throw new InvalidWriteError(`photo ${index + 1}: ${problem}`);
  });
  return writeTransaction(
    db,
    [db.settings, db.cases, db.caseEvents, db.contacts, db.outbox, db.casePhotos],
    async () => {
      const device = await getDevice(db);
      if (!device) throw new NotEnrolledError();
      const op: Op = {
        id: newId(),
        deviceId: device.deviceId,
        ...(await signedInStaff(db)),
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
      // The bytes wait here, in the same transaction as the case, until the hub has the case.
      await db.casePhotos.bulkAdd(
        photos.map((blob) => ({
          id: newId(),
          caseId: payload.id,
          contentType: blob.type as PhotoType,
          size: blob.size,
          upload: 'waiting' as const,
          blob,
          createdAt: now.toISOString(),
        })),
      );
      await recordContact(
        db,
        {
          serviceId: payload.serviceId,
          channel: payload.channel,
          tier: contact.tier,
          outcome: 'captured',
          path: contact.path ?? [],
          // The capture is a contact with the same citizen: it joins their record too.
          ...(payload.customerId ? { customerId: payload.customerId } : {}),
        },
        now,
      );
      return record;
    },
  );
}

/** What a citizen gives at a kiosk: no channel, no author, no photos, no customer record. */
export interface KioskRequest {
  type: CaseOpenInput['type'];
  serviceId: string;
  details: string;
  location?: { address?: string; postcode?: string };
  /** Only with the citizen's own agreement ("you agree we may contact you about this"). */
  contact?: { name?: string; phone?: string; email?: string };
}

/**
 * A citizen's request at a kiosk. The case and its one contact go to the outbox ONLY: no
 * case, event, photo or contact row, so nothing the citizen typed is readable on the kiosk
 * once the session ends, and once the hub has acknowledged them the kiosk keeps nothing
 * (mutations.ts declares both kinds `forget` on a kiosk). Offline, the ops wait in the outbox
 * to be sent. The reference comes back for the screen to show from memory.
 */
export async function openKioskCase(
  db: AnyDoorDatabase,
  request: KioskRequest,
  contact: { tier: ContactInput['tier']; path: ContactInput['path'] },
  now = new Date(),
): Promise<{ id: string; reference: string }> {
  return writeTransaction(db, [db.settings, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    if (device.mode !== 'kiosk')
      throw new InvalidWriteError('only a kiosk takes a citizen request');
    const { name, phone, email } = request.contact ?? {};
    const caseOp: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'case.open',
      clientTime: now.toISOString(),
      payload: {
        id: newId(),
        reference: newReference(),
        type: request.type,
        serviceId: request.serviceId,
        channel: 'kiosk',
        details: request.details,
        ...(request.location?.address || request.location?.postcode
          ? {
              location: {
                ...(request.location.address ? { address: request.location.address } : {}),
                ...(request.location.postcode ? { postcode: request.location.postcode } : {}),
              },
            }
          : {}),
        ...(name || phone || email
          ? {
              contact: {
                ...(name ? { name } : {}),
                ...(phone ? { phone } : {}),
                ...(email ? { email } : {}),
                consent: true,
              },
            }
          : {}),
        // A kiosk has nobody signed in: the case log names the kiosk.
        author: device.deviceName,
        openedAt: now.toISOString(),
      },
    };
    const checkedCase = validateOp(caseOp);
    if (!checkedCase.ok || checkedCase.op.kind !== 'case.open') {
      throw new InvalidWriteError(checkedCase.ok ? 'unexpected kind' : checkedCase.reason);
    }
    const payload = checkedCase.op.payload;
    const contactOp: Op = {
      id: newId(),
      deviceId: device.deviceId,
      kind: 'contact.record',
      clientTime: now.toISOString(),
      payload: {
        id: newId(),
        serviceId: payload.serviceId,
        channel: 'kiosk',
        tier: contact.tier,
        outcome: 'captured',
        path: contact.path,
        createdAt: now.toISOString(),
      },
    };
    const checkedContact = validateOp(contactOp);
    if (!checkedContact.ok) throw new InvalidWriteError(checkedContact.reason);
    await db.outbox.add({ opId: caseOp.id, recordId: payload.id, op: { ...caseOp, payload } });
    await db.outbox.add({
      opId: contactOp.id,
      recordId: checkedContact.op.payload.id,
      op: { ...contactOp, payload: checkedContact.op.payload },
    });
    return { id: payload.id, reference: payload.reference };
  });
}

/** Adds an action to a case's log, based on the newest hub-ordered event this device has seen. */
export async function addCaseEvent(
  db: AnyDoorDatabase,
  input: Omit<CaseEventInput, 'id' | 'createdAt' | 'basedOn'>,
  now = new Date(),
): Promise<void> {
  await writeTransaction(db, [db.settings, db.caseEvents, db.outbox], async () => {
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
      ...(await signedInStaff(db)),
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

/** A module passed (or attempted) by the person signed in; synced to all their places. */
export async function completeTraining(
  db: AnyDoorDatabase,
  input: { moduleId: string; score: number },
  now = new Date(),
): Promise<TrainingCompletion> {
  return writeTransaction(db, [db.settings, db.trainingCompletions, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const session = await getStaffSession(db);
    if (!session) throw new InvalidWriteError('nobody is signed in');
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      staffId: session.staffId,
      kind: 'training.complete',
      clientTime: now.toISOString(),
      payload: {
        id: newId(),
        staffId: session.staffId,
        moduleId: input.moduleId,
        score: input.score,
        completedAt: now.toISOString(),
      },
    };
    const checked = validateOp(op);
    if (!checked.ok || checked.op.kind !== 'training.complete') {
      throw new InvalidWriteError(checked.ok ? 'unexpected kind' : checked.reason);
    }
    await db.trainingCompletions.add(checked.op.payload);
    await db.outbox.add({ opId: op.id, recordId: checked.op.payload.id, op: checked.op });
    return checked.op.payload;
  });
}

/** What the four faces gave, and the follow-up the citizen agreed to, if any (staffed doors). */
export interface FeedbackWrite {
  feedback?: Omit<FeedbackInput, 'id' | 'createdAt'>;
  followup?: Omit<FollowupConsentInput, 'id' | 'createdAt' | 'consent'>;
}

/**
 * Feedback and follow-up consent, queued together in one transaction. The outbox entry is the
 * only record: no screen shows feedback, and nothing of it is kept once the hub has it when it
 * came from a kiosk or names an address (see sync-engine.ts, `forgetsOnAck`).
 */
export async function giveFeedback(
  db: AnyDoorDatabase,
  input: FeedbackWrite,
  now = new Date(),
): Promise<string[]> {
  return writeTransaction(db, [db.settings, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    if (input.followup && device.mode === 'kiosk') {
      throw new InvalidWriteError('a kiosk does not take contact details');
    }
    const staff = await signedInStaff(db);
    const ops: Op[] = [];
    if (input.feedback) {
      ops.push({
        id: newId(),
        deviceId: device.deviceId,
        ...staff,
        kind: 'feedback.give',
        clientTime: now.toISOString(),
        payload: { ...input.feedback, id: newId(), createdAt: now.toISOString() },
      });
    }
    if (input.followup) {
      ops.push({
        id: newId(),
        deviceId: device.deviceId,
        ...staff,
        kind: 'followup.consent',
        clientTime: now.toISOString(),
        payload: { ...input.followup, consent: true, id: newId(), createdAt: now.toISOString() },
      });
    }
    const ids: string[] = [];
    for (const op of ops) {
      const checked = validateOp(op);
      if (!checked.ok) throw new InvalidWriteError(checked.reason);
      const recordId = checked.op.payload.id;
      await db.outbox.add({ opId: op.id, recordId, op: { ...op, payload: checked.op.payload } });
      ids.push(recordId);
    }
    return ids;
  });
}

// --- Mystery shopping (audits) ---

/**
 * Saves an audit in progress on this device only: a draft is not sent anywhere until it is
 * submitted, so an auditor can stop and carry on later, offline.
 */
export async function saveAuditDraft(
  db: AnyDoorDatabase,
  input: Pick<LocalAudit, 'id' | 'accessPointId' | 'items'>,
  now = new Date(),
): Promise<LocalAudit> {
  return writeTransaction(db, [db.settings, db.audits], async () => {
    const session = await getStaffSession(db);
    if (!session) throw new InvalidWriteError('nobody is signed in');
    const before = await db.audits.get(input.id);
    if (before?.status === 'submitted') throw new InvalidWriteError('this audit was submitted');
    const draft: LocalAudit = {
      ...input,
      staffId: session.staffId,
      status: 'draft',
      score: null,
      startedAt: before?.startedAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await db.audits.put(draft);
    return draft;
  });
}

/**
 * A citizen's review, queued for the hub's moderators. Only the outbox holds it: nothing shows
 * on a device until a moderator publishes it. At a kiosk the op names nobody (anonymous) and
 * leaves the device once the hub has answered (see sync-engine.ts).
 */
export async function submitReview(
  db: AnyDoorDatabase,
  input: Omit<ReviewInput, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<string> {
  return writeTransaction(db, [db.settings, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      ...(device.mode === 'kiosk' ? {} : await signedInStaff(db)),
      kind: 'review.submit',
      clientTime: now.toISOString(),
      payload: { ...input, id: newId(), createdAt: now.toISOString() },
    };
    const checked = validateOp(op);
    if (!checked.ok || checked.op.kind !== 'review.submit') {
      throw new InvalidWriteError(checked.ok ? 'unexpected kind' : checked.reason);
    }
    await db.outbox.add({ opId: op.id, recordId: checked.op.payload.id, op: checked.op });
    return checked.op.payload.id;
  });
}

/**
 * Submits an audit: the record and its `audit.submit` op in one transaction. `score` is the
 * device's own figure, shown until the hub has scored the audit itself.
 */
export async function submitAudit(
  db: AnyDoorDatabase,
  input: Pick<LocalAudit, 'id' | 'accessPointId' | 'items'> & { score: number },
  now = new Date(),
): Promise<LocalAudit> {
  return writeTransaction(db, [db.settings, db.audits, db.outbox], async () => {
    const device = await getDevice(db);
    if (!device) throw new NotEnrolledError();
    const session = await getStaffSession(db);
    if (!session) throw new InvalidWriteError('nobody is signed in');
    const before = await db.audits.get(input.id);
    if (before?.status === 'submitted') throw new InvalidWriteError('this audit was submitted');
    const op: Op = {
      id: newId(),
      deviceId: device.deviceId,
      staffId: session.staffId,
      kind: 'audit.submit',
      clientTime: now.toISOString(),
      payload: {
        id: input.id,
        accessPointId: input.accessPointId,
        visitedAt: now.toISOString(),
        score: input.score,
        items: input.items,
      },
    };
    const checked = validateOp(op);
    if (!checked.ok || checked.op.kind !== 'audit.submit') {
      throw new InvalidWriteError(checked.ok ? 'unexpected kind' : checked.reason);
    }
    const audit: LocalAudit = {
      id: input.id,
      accessPointId: input.accessPointId,
      staffId: session.staffId,
      status: 'submitted',
      items: checked.op.payload.items,
      score: input.score,
      startedAt: before?.startedAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
      visitedAt: checked.op.payload.visitedAt,
    };
    await db.audits.put(audit);
    await db.outbox.add({ opId: op.id, recordId: audit.id, op: checked.op });
    return audit;
  });
}
