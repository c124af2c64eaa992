// Who is asking: the staff routes' one check of an enrolled device plus a live hub session for
// it, then of the role's actions. Each route decides afterwards what of its data that person
// may see (partner, places). The sessions are the staff feature's (features/staff); this check
// needs of them only a session's person and device.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Action, type Role } from '../../shared/staff.ts';
import { deviceOr401 } from './device-auth.ts';
import { sendError } from './errors.ts';
import type { CoreStore } from './store/core-store.ts';
import type { Device } from './store/device.ts';
import { hashSecret } from './tokens.ts';

export const STAFF_SESSION_HEADER = 'x-staff-session';

/** The live session behind a token's hash: null when unknown, expired, or its person revoked. */
export interface StaffSessions<Person extends { role: Role }> {
  findStaffSession(
    tokenHash: string,
    now: string,
  ): Promise<{ staff: Person; deviceId: string } | null>;
}

/**
 * The person signed in on this device if their role allows any of `actions`; otherwise the
 * 401 or 403 has been sent and null is returned.
 */
export async function staffCaller<Person extends { role: Role }>(
  storage: { readonly core: CoreStore; readonly staff: StaffSessions<Person> },
  request: FastifyRequest,
  reply: FastifyReply,
  ...actions: Action[]
): Promise<{ device: Device; staff: Person } | null> {
  const device = await deviceOr401(storage, request, reply);
  if (!device) return null;
  const token = request.headers[STAFF_SESSION_HEADER];
  const session =
    typeof token === 'string' && token.length <= 100
      ? await storage.staff.findStaffSession(hashSecret(token), new Date().toISOString())
      : null;
  if (!session || session.deviceId !== device.id) {
    sendError(reply, 401, 'unauthorised', 'Sign in again: the session has ended.');
    return null;
  }
  const { role } = session.staff;
  if (!actions.some((action) => can(role, action))) {
    sendError(reply, 403, 'forbidden', `A ${role} may not do this.`);
    return null;
  }
  return { device, staff: session.staff };
}
