// Who is calling: every device request carries the bearer token it got at enrolment.
import type { FastifyRequest } from 'fastify';
import type { CoreStore, Device } from './store/core-store.ts';
import { hashSecret } from './tokens.ts';

/** The enrolled, unrevoked device behind the request's bearer token, or null. */
export async function authenticateDevice(
  storage: { readonly core: CoreStore },
  request: FastifyRequest,
): Promise<Device | null> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  if (!match?.[1]) return null;
  const device = await storage.core.findDeviceByTokenHash(hashSecret(match[1]));
  return device && device.revokedAt === null ? device : null;
}
