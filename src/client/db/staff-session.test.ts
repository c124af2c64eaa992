import { describe, expect, it } from 'vitest';
import { hashPin, IDLE_LOCK_MS, PIN_ATTEMPTS, PIN_LOCKOUT_MS } from '../../shared/staff.ts';
import { AnyDoorDatabase, getStaffSession, getUiSettings } from './database.ts';
import { lock, touchOrLock, unlock } from './staff-session.ts';

async function withPerson() {
  const db = new AnyDoorDatabase(`test-${crypto.randomUUID()}`);
  await db.staff.put({
    id: 'tom-evans',
    name: 'Tom Evans',
    role: 'counter',
    partnerId: 'northshire-county-council',
    teamIds: [],
    accessPointIds: ['central-library'],
    pin: await hashPin('357913', 100_000),
  });
  return db;
}

describe('unlocking a shared device', () => {
  it('signs in with the right PIN, offline, and names the person on the forms', async () => {
    const db = await withPerson();
    expect(await unlock(db, 'tom-evans', '357913')).toEqual({ ok: true });
    expect(await getStaffSession(db)).toMatchObject({ staffId: 'tom-evans', role: 'counter' });
    expect((await getUiSettings(db)).staffName).toBe('Tom Evans');
    await lock(db);
    expect(await getStaffSession(db)).toBeUndefined();
    expect((await getUiSettings(db)).staffName).toBe('');
  });

  it('locks a person out after repeated wrong PINs, across reloads', async () => {
    const db = await withPerson();
    const t0 = Date.now();
    for (let i = 1; i < PIN_ATTEMPTS; i++) {
      expect(await unlock(db, 'tom-evans', '000000', t0)).toEqual({
        ok: false,
        reason: 'wrong-pin',
        attemptsLeft: PIN_ATTEMPTS - i,
      });
    }
    expect(await unlock(db, 'tom-evans', '000000', t0)).toMatchObject({ reason: 'locked-out' });
    // The same database reopened (a reload): still locked, even with the right PIN.
    const reopened = new AnyDoorDatabase(db.name);
    expect(await unlock(reopened, 'tom-evans', '357913', t0 + 1000)).toMatchObject({
      reason: 'locked-out',
    });
    expect(await unlock(reopened, 'tom-evans', '357913', t0 + PIN_LOCKOUT_MS + 1)).toEqual({
      ok: true,
    });
    expect(await unlock(reopened, 'nobody', '357913')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('locks itself when left idle', async () => {
    const db = await withPerson();
    const t0 = Date.now();
    await unlock(db, 'tom-evans', '357913', t0);
    expect(await touchOrLock(db, t0 + 60_000, t0 + 60_000)).toBe('active');
    expect(await touchOrLock(db, null, t0 + 60_000 + IDLE_LOCK_MS - 1)).toBe('active');
    expect(await touchOrLock(db, null, t0 + 60_000 + IDLE_LOCK_MS + 1)).toBe('locked');
    expect(await getStaffSession(db)).toBeUndefined();
  });
});
