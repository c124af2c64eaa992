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
import type { z } from 'zod';
import {
  validateOp,
  type MUTATIONS,
  type MutationKind,
  type ValidOp,
} from '../../shared/sync/mutations.ts';
import type { Op } from '../../shared/sync/protocol.ts';
import {
  getDevice,
  getStaffSession,
  type AnyDoorDatabase,
  type DeviceSettings,
  type LocalCase,
  type LocalContact,
  type LocalAudit,
  type LocalContactNote,
} from './database.ts';

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

/** Who writes: this enrolled device, the person signed in on it (if anyone), and when. */
interface Writer {
  device: DeviceSettings;
  /** The op's `staffId`: the hub checks their role and place. */
  staffId: string | null;
  at: string;
}

async function writer(db: AnyDoorDatabase, now: Date): Promise<Writer> {
  const device = await getDevice(db);
  if (!device) throw new NotEnrolledError();
  const session = await getStaffSession(db);
  return { device, staffId: session?.staffId ?? null, at: now.toISOString() };
}

/** The person signed in, for the writes only they can make (their training, their audits). */
function signedIn(from: Writer): string {
  if (from.staffId === null) throw new InvalidWriteError('nobody is signed in');
  return from.staffId;
}

/** A kiosk: a citizen at the screen, nobody signed in. */
function kiosk(from: Writer): boolean {
  return from.device.mode === 'kiosk';
}

/** What this device keeps beside a record it wrote; '' until the hub has stored it. */
function ownRecord(from: Writer) {
  return {
    accessPointId: from.device.accessPointId,
    deviceId: from.device.deviceId,
    receivedAt: '',
  };
}

type OpInput<K extends MutationKind> = z.input<(typeof MUTATIONS)[K]['schema']>;
type CheckedOp<K extends MutationKind> = Extract<ValidOp, { kind: K }>;

/**
 * An op of `kind` from this device, checked against the same schema the hub applies: nothing
 * malformed ever enters the outbox. It names the person signed in unless `staffId` says
 * otherwise (null: nobody, as at a kiosk).
 */
function checkedOp<K extends MutationKind>(
  from: Writer,
  kind: K,
  payload: OpInput<K>,
  staffId = from.staffId,
): CheckedOp<K> {
  const op: Op = {
    id: newId(),
    deviceId: from.device.deviceId,
    ...(staffId === null ? {} : { staffId }),
    kind,
    clientTime: from.at,
    payload,
  };
  const checked = validateOp(op);
  if (!checked.ok) throw new InvalidWriteError(checked.reason);
  // validateOp chose the schema by `op.kind`, so the checked op is of this kind.
  return checked.op as CheckedOp<K>;
}

/** Queues a checked op, in the transaction of the record it writes (if the device keeps one). */
async function queue(db: AnyDoorDatabase, op: ValidOp): Promise<void> {
  await db.outbox.add({ opId: op.id, recordId: op.payload.id, op });
}

export async function createContactNote(
  db: AnyDoorDatabase,
  input: Omit<ContactNoteInput, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<LocalContactNote> {
  return writeTransaction(db, [db.settings, db.contactNotes, db.outbox], async () => {
    const from = await writer(db, now);
    const op = checkedOp(from, 'contactNote.create', { ...input, id: newId(), createdAt: from.at });
    const note: LocalContactNote = { ...op.payload, ...ownRecord(from) };
    await db.contactNotes.add(note);
    await queue(db, op);
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
    const from = await writer(db, now);
    const op = checkedOp(from, 'localPage.save', {
      ...input,
      pageId: input.pageId ?? newId(),
      id: newId(),
      createdAt: from.at,
    });
    const revision: LocalPageRevision = { ...op.payload, ...ownRecord(from) };
    await db.pageRevisions.add(revision);
    await queue(db, op);
    return revision;
  });
}

/** Records how an interaction ended (no personal data), queued for sync like any write. */
export async function recordContact(
  db: AnyDoorDatabase,
  input: Omit<ContactInput, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<LocalContact> {
  return writeTransaction(db, [db.settings, db.contacts, db.outbox], async () =>
    keepContact(db, await writer(db, now), input),
  );
}

/** A contact's op, and its row for "often used here", inside the caller's transaction. */
async function keepContact(
  db: AnyDoorDatabase,
  from: Writer,
  input: Omit<ContactInput, 'id' | 'createdAt'>,
): Promise<LocalContact> {
  const op = checkedOp(from, 'contact.record', { ...input, id: newId(), createdAt: from.at });
  const contact: LocalContact = { ...op.payload, ...ownRecord(from) };
  await db.contacts.add(contact);
  await queue(db, op);
  return contact;
}

/** A kiosk calls for a person (or a counter answers a call), through the sync hub. */
export async function sendHelpEvent(
  db: AnyDoorDatabase,
  answering: string | null,
  now = new Date(),
): Promise<string> {
  return writeTransaction(db, [db.settings, db.helpEvents, db.outbox], async () => {
    const from = await writer(db, now);
    const id = newId();
    const op = answering
      ? checkedOp(from, 'help.answer', { id, requestId: answering, createdAt: from.at })
      : checkedOp(from, 'help.request', { id, createdAt: from.at });
    await db.helpEvents.add({
      id,
      kind: answering ? 'answer' : 'request',
      requestId: answering,
      accessPointId: from.device.accessPointId,
      deviceId: from.device.deviceId,
      deviceName: from.device.deviceName,
      createdAt: from.at,
      receivedAt: '',
    });
    await queue(db, op);
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
      const from = await writer(db, now);
      const op = checkedOp(from, 'case.open', {
        ...input,
        id: newId(),
        reference: newReference(),
        openedAt: from.at,
      });
      const payload = op.payload;
      const record: LocalCase = {
        ...payload,
        ...ownRecord(from),
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
        deviceId: from.device.deviceId,
      });
      await queue(db, op);
      // The bytes wait here, in the same transaction as the case, until the hub has the case.
      await db.casePhotos.bulkAdd(
        photos.map((blob) => ({
          id: newId(),
          caseId: payload.id,
          contentType: blob.type as PhotoType,
          size: blob.size,
          upload: 'waiting' as const,
          blob,
          createdAt: from.at,
        })),
      );
      await keepContact(db, from, {
        ...capturedContact(payload, contact),
        // The capture is a contact with the same citizen: it joins their record too.
        ...(payload.customerId ? { customerId: payload.customerId } : {}),
      });
      return record;
    },
  );
}

/** The one contact a capture counts: its service and channel, as captured. */
function capturedContact(
  opened: Pick<CaseOpenInput, 'serviceId' | 'channel'>,
  contact: CaptureContact,
): Omit<ContactInput, 'id' | 'createdAt'> {
  return {
    serviceId: opened.serviceId,
    channel: opened.channel,
    tier: contact.tier,
    outcome: 'captured',
    path: contact.path ?? [],
  };
}

/** What a citizen gives at a kiosk: no channel, no author, no photos, no customer record. */
export interface KioskRequest {
  type: CaseOpenInput['type'];
  serviceId: string;
  details: string;
  location?: { address?: string; postcode?: string };
  /** Only with the citizen's own agreement ("you agree we may contact you about this"). */
  contact?: { name?: string; phone?: string; email?: string };
  /** The language the citizen chose at the kiosk: messages about the case are written in it. */
  language?: CaseContactLanguage;
}

type CaseContactLanguage = NonNullable<NonNullable<CaseOpenInput['contact']>['language']>;

/** The fields given, without the empty ones; undefined when none was. */
function given<K extends string>(
  fields: Record<K, string | undefined>,
): { [key in K]?: string } | undefined {
  const kept = Object.entries(fields).filter(([, value]) => value);
  return kept.length > 0 ? (Object.fromEntries(kept) as { [key in K]?: string }) : undefined;
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
    const from = await writer(db, now);
    if (!kiosk(from)) throw new InvalidWriteError('only a kiosk takes a citizen request');
    const location = given({
      address: request.location?.address,
      postcode: request.location?.postcode,
    });
    const { name, phone, email } = request.contact ?? {};
    const details = given({ name, phone, email });
    // A kiosk has nobody signed in: its ops name nobody, and the case log names the kiosk.
    const caseOp = checkedOp(
      from,
      'case.open',
      {
        id: newId(),
        reference: newReference(),
        type: request.type,
        serviceId: request.serviceId,
        channel: 'kiosk',
        details: request.details,
        ...(location ? { location } : {}),
        ...(details
          ? {
              contact: {
                ...details,
                consent: true,
                ...(request.language ? { language: request.language } : {}),
              },
            }
          : {}),
        author: from.device.deviceName,
        openedAt: from.at,
      },
      null,
    );
    const contactOp = checkedOp(
      from,
      'contact.record',
      { ...capturedContact(caseOp.payload, contact), id: newId(), createdAt: from.at },
      null,
    );
    await queue(db, caseOp);
    await queue(db, contactOp);
    return { id: caseOp.payload.id, reference: caseOp.payload.reference };
  });
}

/** Adds an action to a case's log, based on the newest hub-ordered event this device has seen. */
export async function addCaseEvent(
  db: AnyDoorDatabase,
  input: Omit<CaseEventInput, 'id' | 'createdAt' | 'basedOn'>,
  now = new Date(),
): Promise<void> {
  await addCaseEvents(db, [input], now);
}

/**
 * Several actions on one case as one write (all or none), in order: resolving says which steps
 * were done and which not, then resolves. Each is its own op, based on the same known state.
 */
export async function addCaseEvents(
  db: AnyDoorDatabase,
  inputs: readonly Omit<CaseEventInput, 'id' | 'createdAt' | 'basedOn'>[],
  now = new Date(),
): Promise<void> {
  await writeTransaction(db, [db.settings, db.caseEvents, db.outbox], async () => {
    const from = await writer(db, now);
    for (const input of inputs) {
      const known = await db.caseEvents.where('caseId').equals(input.caseId).toArray();
      const basedOn = known.reduce<number | null>(
        (max, e) => (e.seq > 0 && e.seq > (max ?? 0) ? e.seq : max),
        null,
      );
      const op = checkedOp(from, 'case.event', {
        ...input,
        id: newId(),
        basedOn,
        createdAt: from.at,
      });
      const payload = op.payload;
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
        deviceId: from.device.deviceId,
      });
      await queue(db, op);
    }
  });
}

/** A module passed (or attempted) by the person signed in; synced to all their places. */
export async function completeTraining(
  db: AnyDoorDatabase,
  input: { moduleId: string; score: number },
  now = new Date(),
): Promise<TrainingCompletion> {
  return writeTransaction(db, [db.settings, db.trainingCompletions, db.outbox], async () => {
    const from = await writer(db, now);
    const op = checkedOp(from, 'training.complete', {
      id: newId(),
      staffId: signedIn(from),
      moduleId: input.moduleId,
      score: input.score,
      completedAt: from.at,
    });
    await db.trainingCompletions.add(op.payload);
    await queue(db, op);
    return op.payload;
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
    const from = await writer(db, now);
    if (input.followup && kiosk(from)) {
      throw new InvalidWriteError('a kiosk does not take contact details');
    }
    const ops: ValidOp[] = [];
    if (input.feedback) {
      ops.push(
        checkedOp(from, 'feedback.give', { ...input.feedback, id: newId(), createdAt: from.at }),
      );
    }
    if (input.followup) {
      ops.push(
        checkedOp(from, 'followup.consent', {
          ...input.followup,
          consent: true,
          id: newId(),
          createdAt: from.at,
        }),
      );
    }
    for (const op of ops) await queue(db, op);
    return ops.map((op) => op.payload.id);
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
    const from = await writer(db, now);
    const payload = { ...input, id: newId(), createdAt: from.at };
    // At a kiosk the review is anonymous: the op names nobody.
    const op = checkedOp(from, 'review.submit', payload, kiosk(from) ? null : from.staffId);
    await queue(db, op);
    return op.payload.id;
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
    const from = await writer(db, now);
    const staffId = signedIn(from);
    const before = await db.audits.get(input.id);
    if (before?.status === 'submitted') throw new InvalidWriteError('this audit was submitted');
    const op = checkedOp(from, 'audit.submit', {
      id: input.id,
      accessPointId: input.accessPointId,
      visitedAt: from.at,
      score: input.score,
      items: input.items,
    });
    const audit: LocalAudit = {
      id: input.id,
      accessPointId: input.accessPointId,
      staffId,
      status: 'submitted',
      items: op.payload.items,
      score: input.score,
      startedAt: before?.startedAt ?? from.at,
      updatedAt: from.at,
      visitedAt: op.payload.visitedAt,
    };
    await db.audits.put(audit);
    await queue(db, op);
    return audit;
  });
}
