import { describe, expect, it } from 'vitest';
import {
  hashPin,
  IDLE_LOCK_MS,
  PIN_ATTEMPTS,
  PIN_LOCKOUT_MS,
  type PinHash,
} from '../../shared/staff.ts';
import { franchisorAdmin } from '../../shared/staff.fixtures.ts';
import { AnyDoorDatabase, getStaffSession, getUiSettings } from './database.ts';
import {
  forgetPrivilegedVerifiers,
  lock,
  touchOrLock,
  unlock,
  unlockThroughHub,
} from './staff-session.ts';

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

describe('a device reopened after a pause', () => {
  it('locks at once: loading the page is not activity', async () => {
    const db = await withPerson();
    const t0 = Date.now();
    await unlock(db, 'tom-evans', '357913', t0);
    // Closed with Tom signed in, reopened 28 minutes later: no touch or key on the new page yet.
    expect(await touchOrLock(db, null, t0 + 28 * 60_000)).toBe('locked');
    expect(await getStaffSession(db)).toBeUndefined();
  });

  it('stays open when reopened within the idle time, from the last activity kept', async () => {
    const db = await withPerson();
    const t0 = Date.now();
    await unlock(db, 'tom-evans', '357913', t0);
    // Activity two minutes in is kept; the page is then closed and reopened four minutes later.
    expect(await touchOrLock(db, t0 + 2 * 60_000, t0 + 2 * 60_000)).toBe('active');
    const reopened = new AnyDoorDatabase(db.name);
    expect(await touchOrLock(reopened, null, t0 + 6 * 60_000)).toBe('active');
    expect(await touchOrLock(reopened, null, t0 + 2 * 60_000 + IDLE_LOCK_MS + 1)).toBe('locked');
  });
});

describe('a privileged person on a shared device', () => {
  async function withAdmin(pin: PinHash | null) {
    const db = await withPerson();
    await db.staff.put({ ...franchisorAdmin, pin });
    return db;
  }

  it('is never unlocked by the device itself, even with a verifier synced long ago', async () => {
    const old = await hashPin('135790', 100_000);
    const db = await withAdmin(old);
    expect(await unlock(db, 'alex-morgan', '135790')).toEqual({ ok: false, reason: 'needs-hub' });
    expect(await getStaffSession(db)).toBeUndefined();
    // The old verifier is dropped; desk staff keep theirs.
    await forgetPrivilegedVerifiers(db);
    expect((await db.staff.get('alex-morgan'))?.pin).toBeNull();
    expect((await db.staff.get('tom-evans'))?.pin).not.toBeNull();
    expect(await unlock(db, 'tom-evans', '357913')).toEqual({ ok: true });
  });

  it('is signed in once the hub has let them in', async () => {
    const db = await withAdmin(null);
    expect(await unlock(db, 'alex-morgan', 'open-every-door-24')).toEqual({
      ok: false,
      reason: 'needs-hub',
    });
    expect(await unlockThroughHub(db, 'alex-morgan')).toBe(true);
    expect(await getStaffSession(db)).toMatchObject({
      staffId: 'alex-morgan',
      role: 'franchisor-admin',
    });
    expect(await unlockThroughHub(db, 'nobody')).toBe(false);
  });
});
