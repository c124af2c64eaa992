// The AnyDoor wire protocol between a device and the sync hub. Every message is a tagged
// object; a change to any shape here that an older peer cannot read bumps PROTOCOL_VERSION.
import { z } from 'zod';
import { DEVICE_MODES } from '../contact.ts';
import { anyUuid, uuidV7 } from '../ids.ts';
import { freeText } from '../text.ts';

export const PROTOCOL_VERSION = 1;

/**
 * Protocol 1, revision 2 (compatible both ways): the restore check. A device that keeps a
 * journal of acknowledged ops sends this header with every sync: the id of the newest op the
 * hub acknowledged to it, or "none". Hubs of revision 1 ignore the header; revision-2 hubs
 * answer `restored` only to requests that carry it, so older devices never see the field.
 */
export const ACKED_HEADER = 'anydoor-acked';
export const NO_ACKED_OP = 'none';

/** Upper bounds the server enforces; the client batches below them. */
export const MAX_OPS_PER_PUSH = 1000;
export const MAX_PULL_PAGE = 1000;
export const DEFAULT_PULL_PAGE = 500;
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** An opaque, server-assigned position in the change feed; the client only stores and echoes it. */
export const cursor = z
  .string()
  .regex(/^[a-z0-9.:]{1,64}$/, { message: 'is not a cursor this server issued' });

/** A person's id, as ops and health reports name the one signed in. */
const staffId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(64);

/** One write made on a device, as it waits in the outbox and travels in a push. */
export const op = z.strictObject({
  id: uuidV7,
  deviceId: anyUuid,
  kind: z.string().min(1).max(64),
  payload: z.unknown(),
  /** Device clock: for people to read, never for ordering. */
  clientTime: z.iso.datetime({ offset: true }),
  /**
   * The person signed in on the device when the op was made (their PIN checked there, offline
   * too). The hub checks they still work at the device's place and that their role allows it.
   */
  staffId: staffId.optional(),
});
export type Op = z.infer<typeof op>;

const protocolVersion = z.number().int().min(1);

export const enrolRequest = z.strictObject({
  type: z.literal('enrol'),
  protocolVersion,
  code: z.string().trim().min(4).max(32),
  deviceName: freeText(1, 80),
  /** Counter (staff at a desk), kiosk (citizen self-service) or tablet (volunteer). */
  mode: z.enum(DEVICE_MODES).default('counter'),
});
export type EnrolRequest = z.infer<typeof enrolRequest>;

export const enrolResponse = z.strictObject({
  type: z.literal('enrolled'),
  protocolVersion,
  deviceId: anyUuid,
  token: z.string(),
  mode: z.enum(DEVICE_MODES),
  accessPoint: z.strictObject({ id: z.string(), name: z.string() }),
});
export type EnrolResponse = z.infer<typeof enrolResponse>;

/**
 * What a device says of itself with a sync (optional, so older devices still sync): the
 * studio's list of a place's devices shows it. Reported, not proven: it is for spotting a
 * device in trouble (a backlog, evictable storage, an old app), never for deciding access.
 */
export const APP_VERSION_PATTERN = /^[\w.+-]{1,40}$/;

export const deviceHealth = z.strictObject({
  /** Writes still waiting in the outbox once this request's are answered. */
  outbox: z.number().int().min(0).max(10_000_000),
  /** navigator.storage.persisted(); absent where the browser cannot say. */
  storagePersisted: z.boolean().optional(),
  appVersion: z.string().regex(APP_VERSION_PATTERN).optional(),
  /** The franchise pack version the device holds. */
  packVersion: z.number().int().min(0),
  /** The person signed in on the device now, if anyone. */
  staffId: staffId.optional(),
});
export type DeviceHealth = z.infer<typeof deviceHealth>;

export const syncRequest = z.strictObject({
  type: z.literal('sync'),
  protocolVersion,
  /** Outbox operations, oldest first. May be empty: a sync is then a pull only. */
  push: z.array(op).max(MAX_OPS_PER_PUSH),
  cursor: cursor.nullable(),
  pullLimit: z.number().int().min(1).max(MAX_PULL_PAGE).optional(),
  /**
   * Revision 3, optional: devices from before it still sync. The app is served by its hub, so
   * a device never runs newer than the hub it talks to (a strict older hub would refuse it).
   * A report that does not parse is dropped, never a reason to refuse the sync.
   */
  health: deviceHealth.optional().catch(undefined),
});
export type SyncRequest = z.infer<typeof syncRequest>;

export const REJECTION_CODES = [
  'invalid-payload',
  'unknown-kind',
  'device-mismatch',
  'conflict',
  'forbidden',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const opResult = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('applied'), opId: z.string() }),
  /** The op had been applied before (a retried batch): the outbox entry can go. */
  z.strictObject({ status: z.literal('duplicate'), opId: z.string() }),
  /** Permanent: retrying will not help; the client moves the op to "needs attention". */
  z.strictObject({
    status: z.literal('rejected'),
    opId: z.string(),
    code: z.enum(REJECTION_CODES),
    reason: z.string(),
  }),
]);
export type OpResult = z.infer<typeof opResult>;

export const change = z.strictObject({
  // The hub writes only FEED_ENTITIES names (./feed.ts), but on the wire this stays a string: a
  // newer hub may send an entity this app does not know, which the device keeps for a person
  // (unappliedChanges, see src/client/sync/feed-appliers.ts) rather than refuse the page.
  entity: z.string(),
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.unknown(),
});
export type Change = z.infer<typeof change>;

export const syncResponse = z.strictObject({
  type: z.literal('sync-result'),
  protocolVersion,
  /** One result per pushed op, in the order they were sent. */
  results: z.array(opResult),
  changes: z.array(change),
  /** Where the next pull starts; null only while the feed is empty for this device. */
  cursor: cursor.nullable(),
  hasMore: z.boolean(),
  serverTime: z.iso.datetime({ offset: true }),
  /** The newest published franchise pack; a device holding an older one fetches the delta. */
  packVersion: z.number().int().min(0),
  /**
   * Revision 2, only in reply to a request with ACKED_HEADER: the hub no longer holds what it
   * told this device (its newest acknowledged op, or the cursor it holds): it was restored from
   * an older backup. The hub then applied nothing (`results` is empty) and pulled from the
   * start of the feed; the device re-queues its journal ahead of its outbox and syncs on.
   */
  restored: z.literal(true).optional(),
});
export type SyncResponse = z.infer<typeof syncResponse>;

export const ERROR_CODES = [
  'invalid-request',
  'unauthorised',
  'protocol-version',
  'enrolment-code',
  'payload-too-large',
  'not-found',
  'rate-limited',
  'internal',
  'invalid-pack',
  'forbidden',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorResponse = z.strictObject({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Where the request was wrong, as "path: problem" lines a person can read. */
  issues: z.array(z.string()).optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** Turns zod issues into short lines such as "push.0.id: must be a UUIDv7". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

// --- Franchise pack delivery -------------------------------------------------------------

/** Records per pack page. A first download of a typical pack fits in one page. */
export const MAX_PACK_PAGE = 5000;
export const DEFAULT_PACK_PAGE = 2000;

export const packSummary = z.strictObject({
  added: z.number().int().min(0),
  changed: z.number().int().min(0),
  removed: z.number().int().min(0),
  /** Per record kind, only the kinds that changed. */
  byKind: z.record(
    z.string(),
    z.strictObject({ added: z.number(), changed: z.number(), removed: z.number() }),
  ),
  note: z.string().max(500).optional(),
});
export type PackSummary = z.infer<typeof packSummary>;

export const packVersionInfo = z.strictObject({
  version: z.number().int().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  summary: packSummary,
});
export type PackVersionInfo = z.infer<typeof packVersionInfo>;

/** Query of GET /api/pack/delta: what changed after `since`, up to and including `to`. */
export const packDeltaQuery = z.strictObject({
  since: z.coerce.number().int().min(0),
  to: z.coerce.number().int().min(1),
  /** Resume after this record ("kind/id"), for a download that was interrupted or paged. */
  after: z
    .string()
    .regex(/^[a-zA-Z]+\/[a-z0-9-]{1,80}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PACK_PAGE).optional(),
});
export type PackDeltaQuery = z.infer<typeof packDeltaQuery>;

export const packRecordChange = z.strictObject({
  kind: z.string(),
  id: z.string(),
  /** The version that last changed it. */
  version: z.number().int(),
  deleted: z.boolean(),
  data: z.unknown(),
});
export type PackRecordChange = z.infer<typeof packRecordChange>;

export const packDeltaResponse = z.strictObject({
  type: z.literal('pack-delta'),
  protocolVersion,
  since: z.number().int(),
  to: z.number().int(),
  records: z.array(packRecordChange),
  /** Where the next page starts; null when this was the last page. */
  next: z.string().nullable(),
  /** The versions this delta spans, newest last, so a device can say what changed. */
  versions: z.array(packVersionInfo),
});
export type PackDeltaResponse = z.infer<typeof packDeltaResponse>;
