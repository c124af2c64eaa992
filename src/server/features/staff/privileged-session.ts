// Privileged actions only with a live hub session. A privileged person (isPrivileged in
// src/shared/staff.ts) has no verifier on any device, so the only honest way to be signed in
// as them on a shared device is a hub session opened there with their secret. An op naming
// them is applied only if they opened such a session on the very device that sent it, recently.
// Someone who copies a device's database, or writes "signed in: the franchisor" into it, gets
// no op past the hub without the secret.
import { isPrivileged } from '../../../shared/staff.ts';
import type { Device } from '../../platform/store/device.ts';
import type { StaffRecord } from './staff-store.ts';

/**
 * How long after a privileged person opened a hub session on a device its ops naming them
 * are still applied: 12 hours, one working day. Signing in needed the hub, so the device was
 * online then and its ops usually arrive within seconds; the window is for a device that
 * went offline afterwards and was worked on through the day (the hub session itself lasts
 * STAFF_SESSION_MS, but ops are made offline too). Past it, a stolen or copied device cannot
 * get an op applied in their name: it needs a new session, so their secret, at the hub.
 */
export const PRIVILEGED_OP_WINDOW_MS = 12 * 60 * 60_000;

/** Null when the op may go on; else why not (shown to the person on the device). */
export function privilegedSessionDenial(
  person: StaffRecord,
  device: Device,
  now = Date.now(),
): string | null {
  if (!isPrivileged(person.role)) return null;
  const opened = Date.parse(person.hubSignIns?.[device.id] ?? '');
  // Hub times only: the opening was stamped by this hub's clock, as is `now`.
  if (Number.isFinite(opened) && opened <= now && now - opened <= PRIVILEGED_OP_WINDOW_MS) {
    return null;
  }
  return `${person.name} must sign in on this device through the hub (online) for this to count`;
}
