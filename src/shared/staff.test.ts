import { describe, expect, it } from 'vitest';
import { can, hashPin, lockoutMs, PIN_ATTEMPTS, PIN_LOCKOUT_MS, verifyPin } from './staff.ts';
import { pinHash } from './staff-schema.ts';

describe('staff PINs', () => {
  it('verifies the right PIN only, with a salt of its own each time', async () => {
    const stored = await hashPin('482916', 100_000);
    expect(pinHash.safeParse(stored).success).toBe(true);
    expect(await verifyPin('482916', stored)).toBe(true);
    expect(await verifyPin('482917', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    expect(await verifyPin('48291', stored)).toBe(false);
    const again = await hashPin('482916', 100_000);
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
  });

  it('locks out after repeated failures, for longer each time', () => {
    expect(lockoutMs(PIN_ATTEMPTS - 1)).toBe(0);
    expect(lockoutMs(PIN_ATTEMPTS)).toBe(PIN_LOCKOUT_MS);
    expect(lockoutMs(PIN_ATTEMPTS * 2)).toBe(PIN_LOCKOUT_MS * 2);
    expect(lockoutMs(PIN_ATTEMPTS * 3)).toBe(PIN_LOCKOUT_MS * 4);
  });

  it('gives each role what its work needs and no more', () => {
    expect(can('volunteer', 'case.capture')).toBe(true);
    expect(can('volunteer', 'case.escalate')).toBe(false);
    expect(can('counter', 'case.work')).toBe(false);
    expect(can('back-office', 'case.escalate')).toBe(true);
    expect(can('back-office', 'partners.all')).toBe(false);
    expect(can('partner-manager', 'training.roster')).toBe(true);
    expect(can('auditor', 'case.capture')).toBe(false);
    expect(can('franchisor-admin', 'partners.all')).toBe(true);
  });
});
