// Unlocking a shared device: the PIN is checked here, against the slow salted hash the hub
// synced for this place's staff, so it works with no connection. Wrong PINs count per person
// and survive a reload; the device locks itself when left idle, idle time running from the
// last touch or key across reloads. A privileged person has no hash here: the hub checks
// their secret (sync/hub-session.ts), and only then is the device unlocked for them.
import {
  idleExpired,
  isPrivileged,
  lockoutMs,
  PIN_ATTEMPTS,
  verifyPin,
  type StaffMember,
} from '../../shared/staff.ts';
import {
  getSetting,
  getStaffSession,
  getUiSettings,
  type AnyDoorDatabase,
  type PinGuardSettings,
} from './database.ts';

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked-out'; until: number }
  /** Nobody by that name here, or (needs-hub) a person this device holds no verifier for. */
  | { ok: false; reason: 'unknown' | 'needs-hub' };

/** Whether this device may check a person's PIN itself (never a privileged person's). */
export function unlocksOffline(person: StaffMember): boolean {
  return person.pin !== null && !isPrivileged(person.role);
}

async function guard(db: AnyDoorDatabase): Promise<PinGuardSettings> {
  return (await getSetting(db, 'pinGuard')) ?? { key: 'pinGuard', failures: {} };
}

export async function unlock(
  db: AnyDoorDatabase,
  staffId: string,
  pin: string,
  now = Date.now(),
): Promise<UnlockResult> {
  const person = await db.staff.get(staffId);
  if (!person) return { ok: false, reason: 'unknown' };
  if (!person.pin || !unlocksOffline(person)) return { ok: false, reason: 'needs-hub' };
  const before = (await guard(db)).failures[staffId];
  if (before && before.lockedUntil > now)
    return { ok: false, reason: 'locked-out', until: before.lockedUntil };
  // Hashing takes a moment on purpose; do it outside any IndexedDB transaction.
  const right = await verifyPin(pin, person.pin);
  return db.transaction('rw', db.settings, async () => {
    const current = await guard(db);
    if (!right) {
      const count = (current.failures[staffId]?.count ?? 0) + 1;
      const lockedUntil = now + lockoutMs(count);
      await db.settings.put({
        ...current,
        failures: { ...current.failures, [staffId]: { count, lockedUntil } },
      });
      return lockedUntil > now
        ? { ok: false, reason: 'locked-out', until: lockedUntil }
        : { ok: false, reason: 'wrong-pin', attemptsLeft: PIN_ATTEMPTS - (count % PIN_ATTEMPTS) };
    }
    const rest = Object.fromEntries(
      Object.entries(current.failures).filter(([id]) => id !== staffId),
    );
    await db.settings.put({ ...current, failures: rest });
    await signIn(db, person, now);
    return { ok: true };
  });
}

async function signIn(db: AnyDoorDatabase, person: StaffMember, now: number): Promise<void> {
  const at = new Date(now).toISOString();
  await db.settings.put({
    key: 'staffSession',
    staffId: person.id,
    name: person.name,
    role: person.role,
    partnerId: person.partnerId,
    signedInAt: at,
    lastActiveAt: at,
  });
  // Forms fill "who did this" from the interface settings.
  await db.settings.put({ ...(await getUiSettings(db)), staffName: person.name });
}

/**
 * Unlocks the device for a person the hub has just let in (a hub session opened with their
 * secret): the way in for someone this device holds no verifier for. Faking this call gets
 * nothing past the hub: their ops need that hub session (src/server/features/staff/privileged-session.ts).
 */
export async function unlockThroughHub(
  db: AnyDoorDatabase,
  staffId: string,
  now = Date.now(),
): Promise<boolean> {
  return db.transaction('rw', [db.staff, db.settings], async () => {
    const person = await db.staff.get(staffId);
    if (!person) return false;
    await signIn(db, person, now);
    return true;
  });
}

/**
 * Drops any verifier this device still holds for a privileged person (synced before the hub
 * stopped sending them): it is never used, and a copied device must not yield it.
 */
export async function forgetPrivilegedVerifiers(db: AnyDoorDatabase): Promise<void> {
  await db.staff
    .filter((person) => person.pin !== null && isPrivileged(person.role))
    .modify({ pin: null });
}

export async function lock(db: AnyDoorDatabase): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.delete('staffSession');
    await db.settings.put({ ...(await getUiSettings(db)), staffName: '' });
  });
}

/**
 * Records activity (at most every 30 s) and locks a device left idle past IDLE_LOCK_MS.
 * `activeAt` is the last touch, key or pointer seen since the page loaded (null: none yet);
 * loading the page is not activity, so a device reopened after a long pause locks at once.
 */
export async function touchOrLock(
  db: AnyDoorDatabase,
  activeAt: number | null,
  now = Date.now(),
): Promise<'active' | 'locked' | 'none'> {
  const session = await getStaffSession(db);
  if (!session) return 'none';
  const stored = Date.parse(session.lastActiveAt);
  const last = activeAt === null ? stored : Math.max(stored, activeAt);
  if (idleExpired(last, now)) {
    await lock(db);
    return 'locked';
  }
  if (activeAt !== null && activeAt - Date.parse(session.lastActiveAt) > 30_000) {
    await db.settings.put({ ...session, lastActiveAt: new Date(activeAt).toISOString() });
  }
  return 'active';
}
