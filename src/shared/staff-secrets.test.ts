// Who is privileged and what secret they need (issue 12, item 5), and when a device left alone
// must lock (item 9): the pure rules, used by device and hub alike.
import { describe, expect, it } from 'vitest';
import {
  hashPin,
  IDLE_LOCK_MS,
  idleExpired,
  isPrivileged,
  PRIVILEGED_ROLES,
  ROLES,
  secretPattern,
  verifyPin,
} from './staff.ts';
import { staffInput, staffMember, staffSessionRequest } from './staff-schema.ts';
import { franchisorAdmin } from './staff.fixtures.ts';

describe('privileged people', () => {
  it('are the franchisor’s admin and partners’ managers, not auditors or desk staff', () => {
    expect([...PRIVILEGED_ROLES].sort()).toEqual(['franchisor-admin', 'partner-manager']);
    expect(ROLES.filter((role) => !isPrivileged(role)).sort()).toEqual([
      'auditor',
      'back-office',
      'counter',
      'volunteer',
    ]);
  });

  it('set ten or more digits or a passphrase; everyone else a PIN of six to eight digits', () => {
    const person = {
      id: 'kim-lo',
      name: 'Kim Lo',
      partnerId: 'northam-district-council',
      accessPointIds: ['civic-centre'],
    };
    const valid = (role: string, pin: string) =>
      staffInput.safeParse({ ...person, role, pin }).success;
    expect(valid('partner-manager', '246802')).toBe(false);
    expect(valid('partner-manager', '123456789')).toBe(false);
    expect(valid('partner-manager', '2468024680')).toBe(true);
    expect(valid('franchisor-admin', 'open-every-door-24')).toBe(true);
    expect(valid('franchisor-admin', ' padded passphrase ')).toBe(false);
    expect(valid('franchisor-admin', 'line\nbreak passphrase')).toBe(false);
    expect(valid('franchisor-admin', 'x'.repeat(65))).toBe(false);
    expect(valid('counter', '246802')).toBe(true);
    expect(valid('counter', '2468024680')).toBe(false);
    expect(valid('auditor', '124578')).toBe(true);
    expect(secretPattern('volunteer').test('12345678')).toBe(true);
  });

  it('sign in at the hub with either kind of secret, and a device may hold no verifier', async () => {
    expect(staffSessionRequest.safeParse({ staffId: 'a', pin: 'open-every-door-24' }).success).toBe(
      true,
    );
    expect(staffSessionRequest.safeParse({ staffId: 'a', pin: '12345' }).success).toBe(false);
    const stored = await hashPin('Llanfair café 2024', 100_000);
    expect(await verifyPin('Llanfair café 2024', stored)).toBe(true);
    // The same words typed with a combining accent are the same passphrase.
    expect(await verifyPin('Llanfair cafe\u0301 2024', stored)).toBe(true);
    expect(await verifyPin('Llanfair cafe 2024', stored)).toBe(false);
    expect(staffMember.safeParse(franchisorAdmin).success).toBe(true);
  });
});

describe('the idle lock’s rule', () => {
  const t0 = Date.parse('2025-03-03T09:00:00Z');

  it('runs from the last real activity, whenever the page was loaded', () => {
    expect(idleExpired(t0, t0)).toBe(false);
    expect(idleExpired(t0, t0 + IDLE_LOCK_MS)).toBe(false);
    expect(idleExpired(t0, t0 + IDLE_LOCK_MS + 1)).toBe(true);
    // Closed at t0 and reopened 28 minutes later: locked, however fresh the page is.
    expect(idleExpired(t0, t0 + 28 * 60_000)).toBe(true);
  });

  it('locks when it cannot tell how long the device sat idle', () => {
    // A clock set back an hour would otherwise keep a reopened device open.
    expect(idleExpired(t0, t0 - 60 * 60_000)).toBe(true);
    // A small step back (a time sync) is not idleness.
    expect(idleExpired(t0, t0 - 5_000)).toBe(false);
    expect(idleExpired(Number.NaN, t0)).toBe(true);
  });
});
