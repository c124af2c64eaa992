// Who is calling: every device request carries the bearer token it got at enrolment.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.ts';
import type { CoreStore } from './store/core-store.ts';
import type { Device } from './store/device.ts';
import { hashSecret } from './tokens.ts';

/** The hash of the request's bearer token (what the store keeps), or null without one. */
export function bearerTokenHash(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  return match?.[1] ? hashSecret(match[1]) : null;
}

/** The enrolled, unrevoked device behind the request's bearer token, or null. */
async function authenticateDevice(
  storage: { readonly core: CoreStore },
  request: FastifyRequest,
): Promise<Device | null> {
  const tokenHash = bearerTokenHash(request);
  if (tokenHash === null) return null;
  const device = await storage.core.findDeviceByTokenHash(tokenHash);
  return device && device.revokedAt === null ? device : null;
}

/** Refused the same way by every device route: no device answers 401 (sent here) and null. */
export const NOT_ENROLLED = 'This device is not enrolled, or was revoked.';

/** The calling device, or null once the 401 is sent. */
export async function deviceOr401(
  storage: { readonly core: CoreStore },
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Device | null> {
  const device = await authenticateDevice(storage, request);
  if (!device) sendError(reply, 401, 'unauthorised', NOT_ENROLLED);
  return device;
}
