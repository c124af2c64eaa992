// Staff and volunteers on shared devices. Each unlocks a device with a PIN, checked on the
// device itself (offline too) against a slow, salted hash the hub syncs to the devices of the
// places where that person works. What each role may do is one table, used by device and hub.
// This file stays free of zod: the lock screen is part of a staff device's first load.

export const ROLES = [
  'franchisor-admin',
  'partner-manager',
  'back-office',
  'counter',
  'volunteer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles whose reach goes beyond the places on their record: the franchisor's admin acts for
 * every partner, a partner's manager manages the partner's people and customer records. Their
 * verifier (PIN hash) never goes to a device: they unlock a shared device only through the hub
 * (online), every op naming them needs a hub session of theirs on that device
 * (src/server/features/staff/privileged-session.ts), and their secret is longer
 * (PRIVILEGED_SECRET_PATTERN).
 *
 * The auditor is not here, on purpose: an auditor may serve, train and file audits, nothing
 * more, and the hub re-scores every audit and keeps who filed it; mystery shopping must go on
 * offline for a whole visit, through the idle lock, which a hub-only sign-in would break. A
 * cracked auditor PIN lets someone file audits in that name until the person is revoked
 * (README: "what an attacker with a device can and cannot get").
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['franchisor-admin', 'partner-manager'];

export function isPrivileged(role: Role): boolean {
  return PRIVILEGED_ROLES.includes(role);
}

/** Six to eight digits: a four-digit PIN falls to an offline guess in seconds even when slow. */
export const PIN_PATTERN = /^\d{6,8}$/;
/**
 * A privileged person's secret: 10 to 64 characters, ten or more digits or a passphrase (no
 * control characters, no space at either end). Its hash stays on the hub, where a guess goes
 * through the hub's lockout; should the hub's database leak, 10^10 PBKDF2 guesses are about
 * 20 core-years at the device's cost per guess, against 18 core-hours for six digits.
 */
export const PRIVILEGED_SECRET_PATTERN = /^[^\s\p{Cc}][^\p{Cc}]{8,62}[^\s\p{Cc}]$/u;
export const SECRET_MAX_LENGTH = 64;

/** The rule a role's secret must meet when it is set (on the hub: create and reset). */
export function secretPattern(role: Role): RegExp {
  return isPrivileged(role) ? PRIVILEGED_SECRET_PATTERN : PIN_PATTERN;
}

/** Whether `secret` is in either form: anything else is refused before any slow hashing. */
export function wellFormedSecret(secret: string): boolean {
  return PIN_PATTERN.test(secret) || PRIVILEGED_SECRET_PATTERN.test(secret);
}
/** PBKDF2-SHA256 rounds: about a tenth of a second on a tablet, per guess. */
export const PIN_ITERATIONS = 210_000;
/** Wrong PINs in a row before a device locks that person out, and for how long (doubling). */
export const PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;
/** A staff device locks itself after this long without a touch or a key. */
export const IDLE_LOCK_MS = 5 * 60_000;
/** How far back a device's clock may step (a time sync) before idle time cannot be told. */
const CLOCK_STEP_BACK_MS = 60_000;

/**
 * Whether a device whose last real activity (a touch, a key, a pointer: never a page load or a
 * reload) was at `lastActiveAt` must be locked at `now`, both device-clock milliseconds. The
 * time runs across reloads and restarts, since `lastActiveAt` is kept in IndexedDB. A clock
 * set back past the last activity locks too: how long the device sat idle cannot be known.
 */
export function idleExpired(lastActiveAt: number, now: number): boolean {
  if (!Number.isFinite(lastActiveAt) || !Number.isFinite(now)) return true;
  if (now < lastActiveAt - CLOCK_STEP_BACK_MS) return true;
  return now - lastActiveAt > IDLE_LOCK_MS;
}
/** A hub session (for the online-only views) lasts this long; devices renew it while in use. */
export const STAFF_SESSION_MS = 15 * 60_000;

/** The stored form of a PIN (its zod schema is in staff-schema.ts). */
export interface PinHash {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 of 32 bytes */
  hash: string;
}

/** A person as the devices of their places know them (the hub's record always has a PIN hash). */
export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  /** The partner they work for; null for the franchisor's own staff. */
  partnerId: string | null;
  /** Teams within the partner (back-office officers work a team's queue). */
  teamIds: string[];
  accessPointIds: string[];
  /** Null on devices for a privileged person: they sign in through the hub only. */
  pin: PinHash | null;
}

export const ACTIONS = [
  'serve', // finder, guided flows, contacts and notes at a door
  'case.capture',
  'case.note',
  'case.work', // acknowledge, complete a step, resolve, reopen: the owning team's job
  'case.escalate', // "jump the queue", with a reason
  'queue.team', // the back-office queue of the person's partner
  'partners.all', // sees and manages every partner, not only their own: the franchisor
  'pages.edit',
  'training.view',
  'training.roster', // who is trained for what at each place
  'staff.manage',
  'audit', // mystery-shopping visits
  'insight.view', // dashboards: the franchisor all, a manager their partner, staff their places
  'reviews.moderate',
  'customers.view', // the single customer view, with the citizen's consent
  'customers.manage', // merge, undo a merge, export, erase
  // The studio (online, at the hub): a partner manager within their own partner's places and
  // people, the franchisor everywhere ('partners.all').
  'devices.manage', // enrolment codes, the devices of a place, revoking and replacing them
  'places.manage', // access points and partners: hours, closures, facilities, services
  'pack.author', // the franchise pack's draft, preview, publish and roll back
  'keys.manage', // Open311 API keys
  'admin-log.view', // the audit log of administrative changes
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE: Action[] = ['serve', 'case.capture', 'case.note', 'training.view'];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  'franchisor-admin': [...ACTIONS],
  'partner-manager': [
    ...EVERYONE,
    'case.work',
    'case.escalate',
    'queue.team',
    'pages.edit',
    'training.roster',
    'staff.manage',
    'insight.view',
    'reviews.moderate',
    'customers.view',
    'customers.manage',
    'devices.manage',
    'places.manage',
    'keys.manage',
    'admin-log.view',
  ],
  'back-office': [
    ...EVERYONE,
    'case.work',
    'case.escalate',
    'queue.team',
    'pages.edit',
    'insight.view',
    'customers.view',
    'customers.manage',
  ],
  counter: [...EVERYONE, 'pages.edit', 'insight.view', 'customers.view'],
  volunteer: [...EVERYONE],
  auditor: ['training.view', 'audit', 'serve'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  // A passphrase typed on another keyboard may compose its letters differently: one form.
  const bytes = new TextEncoder().encode(pin.normalize('NFC'));
  const key = await crypto.subtle.importKey('raw', bytes, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Hashes a PIN with a fresh random salt (WebCrypto: the same code in the browser and Node). */
export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return {
    algorithm: 'PBKDF2-SHA256',
    iterations,
    salt: toBase64(salt),
    hash: toBase64(await derive(pin, salt, iterations)),
  };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!wellFormedSecret(pin)) return false;
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  // Constant-time comparison: every byte is looked at whatever the first difference.
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

/**
 * The lockout after `failures` wrong PINs in a row: none below PIN_ATTEMPTS, then
 * PIN_LOCKOUT_MS, doubling with each further set of attempts.
 */
export function lockoutMs(failures: number): number {
  if (failures < PIN_ATTEMPTS) return 0;
  const rounds = Math.floor(failures / PIN_ATTEMPTS) - 1;
  return PIN_LOCKOUT_MS * 2 ** Math.min(rounds, 6);
}
