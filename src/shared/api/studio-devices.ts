// The studio's devices and doors (/api/studio/devices, /api/studio/enrolment-codes): what the
// hub answers and the one check of a code request, used by the screen (to say at once what is
// wrong, in the person's language) and by the hub (which decides, whatever the screen sent).
// Pure: no zod, so the check costs the screen nothing to load.
import { DEVICE_MODES, type DeviceMode } from '../contact.ts';

/** How long a code may be valid: an hour at least, a week at most (a code is a key to a door). */
export const CODE_HOURS_MIN = 1;
export const CODE_HOURS_MAX = 168;
export const CODE_HOURS_DEFAULT = 24;

/** POST /api/studio/enrolment-codes */
export interface CodeRequest {
  accessPointId: string;
  mode: DeviceMode;
  expiresInHours: number;
}

/** POST /api/studio/devices/:id/replace: the new code's validity (same place and mode). */
export interface ReplaceRequest {
  expiresInHours: number;
}

export type CodeField = 'accessPointId' | 'mode' | 'expiresInHours';
export type CodeProblem = 'required' | 'unknown-mode' | 'hours-range';

export type CheckedCode<T> =
  { ok: true; value: T } | { ok: false; problems: { field: CodeField; problem: CodeProblem }[] };

const PLACE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function hoursProblem(value: unknown): CodeProblem | null {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= CODE_HOURS_MIN &&
    value <= CODE_HOURS_MAX
    ? null
    : 'hours-range';
}

/** Whether a request for a code is well formed; the place's existence is the hub's to check. */
export function checkCodeRequest(input: unknown): CheckedCode<CodeRequest> {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const problems: { field: CodeField; problem: CodeProblem }[] = [];
  const place = body.accessPointId;
  if (typeof place !== 'string' || place.length > 80 || !PLACE_ID.test(place)) {
    problems.push({ field: 'accessPointId', problem: 'required' });
  }
  const mode = body.mode;
  if (typeof mode !== 'string' || !(DEVICE_MODES as readonly string[]).includes(mode)) {
    problems.push({ field: 'mode', problem: mode === undefined ? 'required' : 'unknown-mode' });
  }
  const hours = hoursProblem(body.expiresInHours);
  if (hours) problems.push({ field: 'expiresInHours', problem: hours });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      accessPointId: place as string,
      mode: mode as DeviceMode,
      expiresInHours: body.expiresInHours as number,
    },
  };
}

export function checkReplaceRequest(input: unknown): CheckedCode<ReplaceRequest> {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const hours = body.expiresInHours ?? CODE_HOURS_DEFAULT;
  const problem = hoursProblem(hours);
  if (problem) return { ok: false, problems: [{ field: 'expiresInHours', problem }] };
  return { ok: true, value: { expiresInHours: hours as number } };
}

/** A new code, answered once: the hub keeps only its hash. */
export interface IssuedCode {
  code: string;
  accessPointId: string;
  accessPointName: string;
  mode: DeviceMode;
  expiresAt: string;
}

/** POST /api/studio/devices/:id/replace: the device revoked, and a code for its successor. */
export interface ReplacedDevice {
  revoked: DeviceSummary;
  code: IssuedCode;
}

/** What may be wrong with a device, from what it last reported (see deviceFlags). */
export const DEVICE_FLAGS = [
  'revoked',
  'never-synced',
  'not-synced-24h',
  'outbox-backlog',
  'storage-not-persisted',
  'old-pack',
] as const;
export type DeviceFlag = (typeof DEVICE_FLAGS)[number];

/** More writes waiting than this is a backlog worth a look (a day offline at a busy desk). */
export const OUTBOX_BACKLOG = 50;
const DAY_MS = 24 * 3600_000;

export interface DeviceSummary {
  id: string;
  name: string;
  mode: DeviceMode;
  enrolledAt: string;
  revokedAt: string | null;
  /** What the device reported with its last sync; null where it never has. */
  lastSyncAt: string | null;
  lastStaffId: string | null;
  lastStaffName: string | null;
  outbox: number | null;
  appVersion: string | null;
  packVersion: number | null;
  storagePersisted: boolean | null;
  flags: DeviceFlag[];
}

/** A code issued and not yet used or expired (never the code itself: only its hash is kept). */
export interface PendingCode {
  mode: DeviceMode | null;
  createdAt: string;
  expiresAt: string;
  issuedBy: string | null;
}

export interface PlaceDevices {
  id: string;
  name: string;
  kind: string;
  partnerId: string;
  devices: DeviceSummary[];
  pendingCodes: PendingCode[];
}

/** GET /api/studio/devices: the places this person manages, each with its devices. */
export interface StudioDevices {
  /** The newest published pack: a device holding an older one is flagged. */
  packVersion: number;
  places: PlaceDevices[];
}

/** The flags of a device as it last reported, at `now` (hub clock). */
export function deviceFlags(
  device: Pick<DeviceSummary, 'revokedAt' | 'lastSyncAt' | 'outbox' | 'storagePersisted'> & {
    packVersion: number | null;
  },
  latestPack: number,
  now: Date,
): DeviceFlag[] {
  if (device.revokedAt !== null) return ['revoked'];
  const flags: DeviceFlag[] = [];
  if (device.lastSyncAt === null) flags.push('never-synced');
  else if (now.getTime() - Date.parse(device.lastSyncAt) > DAY_MS) flags.push('not-synced-24h');
  if (device.outbox !== null && device.outbox > OUTBOX_BACKLOG) flags.push('outbox-backlog');
  if (device.storagePersisted === false) flags.push('storage-not-persisted');
  if (device.packVersion !== null && device.packVersion < latestPack) flags.push('old-pack');
  return flags;
}
