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

/** Six to eight digits: a four-digit PIN falls to an offline guess in seconds even when slow. */
export const PIN_PATTERN = /^\d{6,8}$/;
/** PBKDF2-SHA256 rounds: about a tenth of a second on a tablet, per guess. */
export const PIN_ITERATIONS = 210_000;
/** Wrong PINs in a row before a device locks that person out, and for how long (doubling). */
export const PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;
/** A staff device locks itself after this long without a touch or a key. */
export const IDLE_LOCK_MS = 5 * 60_000;
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

/** A person as the devices of their places know them. */
export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  /** The partner they work for; null for the franchisor's own staff. */
  partnerId: string | null;
  /** Teams within the partner (back-office officers work a team's queue). */
  teamIds: string[];
  accessPointIds: string[];
  pin: PinHash;
}

export const ACTIONS = [
  'serve', // finder, guided flows, contacts and notes at a door
  'case.capture',
  'case.note',
  'case.work', // acknowledge, complete a step, resolve, reopen: the owning team's job
  'case.escalate', // "jump the queue", with a reason
  'queue.team', // the back-office queue of the person's partner
  'queue.all', // every partner's cases: the franchisor
  'pages.edit',
  'training.view',
  'training.roster', // who is trained for what at each place
  'staff.manage',
  'audit', // mystery-shopping visits
  'insight.view', // dashboards: the franchisor all, a manager their partner, staff their places
  'reviews.moderate',
  'customers.view', // the single customer view, with the citizen's consent
  'customers.manage', // merge, undo a merge, export, erase
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
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
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
  if (!PIN_PATTERN.test(pin)) return false;
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
