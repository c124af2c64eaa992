import { describe, expect, it } from 'vitest';
import type { Device } from '../../platform/store/device.ts';
import { PRIVILEGED_OP_WINDOW_MS, privilegedSessionDenial } from './privileged-session.ts';
import type { StaffRecord } from './staff-store.ts';

const device = { id: 'desk-1', accessPointId: 'civic-centre', mode: 'counter' } as Device;
const other = { ...device, id: 'desk-2' } as Device;
const opened = Date.parse('2025-03-03T09:00:00Z');

function person(role: StaffRecord['role'], hubSignIns?: Record<string, string>): StaffRecord {
  return {
    id: 'p',
    name: 'Pat',
    role,
    partnerId: null,
    teamIds: [],
    accessPointIds: ['civic-centre'],
    pin: { algorithm: 'PBKDF2-SHA256', iterations: 210_000, salt: 's', hash: 'h' },
    revokedAt: null,
    ...(hubSignIns ? { hubSignIns } : {}),
  };
}

describe('privileged ops need a hub session on the device', () => {
  const signedIn = { 'desk-1': new Date(opened).toISOString() };

  it('lets desk staff through without one', () => {
    expect(privilegedSessionDenial(person('counter'), device, opened)).toBeNull();
    expect(privilegedSessionDenial(person('auditor'), device, opened)).toBeNull();
  });

  it('refuses a privileged person with no session opened on this device', () => {
    expect(privilegedSessionDenial(person('franchisor-admin'), device, opened)).toMatch(
      /through the hub/,
    );
    expect(privilegedSessionDenial(person('partner-manager', signedIn), other, opened)).toMatch(
      /through the hub/,
    );
  });

  it('accepts their ops for PRIVILEGED_OP_WINDOW_MS after the session opened, not after', () => {
    const admin = person('franchisor-admin', signedIn);
    expect(privilegedSessionDenial(admin, device, opened)).toBeNull();
    expect(privilegedSessionDenial(admin, device, opened + PRIVILEGED_OP_WINDOW_MS)).toBeNull();
    expect(privilegedSessionDenial(admin, device, opened + PRIVILEGED_OP_WINDOW_MS + 1)).toMatch(
      /through the hub/,
    );
    // Nor before it: an op cannot borrow a session opened later by the hub's clock.
    expect(privilegedSessionDenial(admin, device, opened - 1)).toMatch(/through the hub/);
  });
});
