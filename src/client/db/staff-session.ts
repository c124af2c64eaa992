// Unlocking a shared device: the PIN is checked here, against the slow salted hash the hub
// synced for this place's staff, so it works with no connection. Wrong PINs count per person
// and survive a reload; the device locks itself when left idle.
import { IDLE_LOCK_MS, lockoutMs, PIN_ATTEMPTS, verifyPin } from '../../shared/staff.ts';
import {
  getStaffSession,
  getUiSettings,
  type AnyDoorDatabase,
  type PinGuardSettings,
} from './database.ts';

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked-out'; until: number }
  | { ok: false; reason: 'unknown' };

async function guard(db: AnyDoorDatabase): Promise<PinGuardSettings> {
  const row = await db.settings.get('pinGuard');
  return row?.key === 'pinGuard' ? row : { key: 'pinGuard', failures: {} };
}

export async function unlock(
  db: AnyDoorDatabase,
  staffId: string,
  pin: string,
  now = Date.now(),
): Promise<UnlockResult> {
  const person = await db.staff.get(staffId);
  if (!person) return { ok: false, reason: 'unknown' };
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
    return { ok: true };
  });
}

export async function lock(db: AnyDoorDatabase): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.delete('staffSession');
    await db.settings.put({ ...(await getUiSettings(db)), staffName: '' });
  });
}

/** Records activity (at most every 30 s) and locks a device left idle past IDLE_LOCK_MS. */
export async function touchOrLock(
  db: AnyDoorDatabase,
  activeAt: number | null,
  now = Date.now(),
): Promise<'active' | 'locked' | 'none'> {
  const session = await getStaffSession(db);
  if (!session) return 'none';
  const last = Math.max(Date.parse(session.lastActiveAt), activeAt ?? 0);
  if (now - last > IDLE_LOCK_MS) {
    await lock(db);
    return 'locked';
  }
  if (activeAt !== null && activeAt - Date.parse(session.lastActiveAt) > 30_000) {
    await db.settings.put({ ...session, lastActiveAt: new Date(activeAt).toISOString() });
  }
  return 'active';
}
