// Enrolment: a one-time code (printed by `npm start`, later issued by staff) becomes a device
// token bound to one access point. Codes are 40 bits and short-lived, and guessing them is
// rate-limited: per client address, and across all addresses together.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  enrolRequest,
  PROTOCOL_VERSION,
  type EnrolResponse,
} from '../../../shared/sync/protocol.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { hashSecret, newDeviceToken, normaliseEnrolmentCode } from '../../platform/tokens.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore };

export interface EnrolmentOptions {
  /** Enrolments with a code that was not issued, allowed per client address each minute. */
  perAddressPerMinute?: number;
  /** The same across every address together (many addresses guessing at once). */
  perMinute?: number;
}

/** Wrong codes allowed per client address a minute: a person mistyping never meets it. */
export const ENROL_GUESSES_PER_ADDRESS = 30;
/** Wrong codes allowed a minute from all addresses together. */
export const ENROL_GUESSES_PER_MINUTE = 300;

const ALL = '*';

export function deviceRoutes(
  app: FastifyInstance,
  storage: Stores,
  options: EnrolmentOptions = {},
): void {
  // Each attempt is counted when it arrives (so concurrent guesses cannot slip past the count)
  // and forgiven once its code turns out to have been issued: enrolling many devices from one
  // office with real codes never meets the limit; only wrong codes use it up.
  const byAddress = new RateLimiter(options.perAddressPerMinute ?? ENROL_GUESSES_PER_ADDRESS);
  const overall = new RateLimiter(options.perMinute ?? ENROL_GUESSES_PER_MINUTE);

  app.post('/api/devices/enrol', async (request, reply) => {
    const parsed = validOr400(
      reply,
      enrolRequest,
      request.body,
      'The enrolment request is not valid.',
    );
    if (!parsed) return reply;
    if (parsed.protocolVersion !== PROTOCOL_VERSION) {
      return sendError(reply, 426, 'protocol-version', 'Please reload the app to update it.');
    }
    // Counted only for well-formed requests: those are the ones that try a code. Behind a
    // proxy, request.ip is the client's address when the hub is told to trust the proxy.
    const address = request.ip;
    let verdict = byAddress.hit(address);
    if (verdict.allowed) {
      verdict = overall.hit(ALL);
      // Refused by the overall ceiling, this address tried no code: it does not count.
      if (!verdict.allowed) byAddress.forgive(address);
    }
    if (!verdict.allowed) {
      return sendError(
        reply.header('retry-after', String(verdict.retryAfterSeconds)),
        429,
        'rate-limited',
        `Too many enrolment codes were tried; wait ${verdict.retryAfterSeconds} seconds, then try again.`,
      );
    }
    const token = newDeviceToken();
    const device = await storage.core.enrolDevice({
      codeHash: hashSecret(normaliseEnrolmentCode(parsed.code)),
      deviceId: randomUUID(),
      deviceName: parsed.deviceName,
      tokenHash: hashSecret(token),
      now: new Date().toISOString(),
      mode: parsed.mode,
    });
    if (!device) {
      return sendError(
        reply,
        403,
        'enrolment-code',
        'That enrolment code is unknown, already used or expired. Ask for a new one.',
      );
    }
    // An issued code: this was no guess.
    byAddress.forgive(address);
    overall.forgive(ALL);
    const accessPoints = await storage.core.listAccessPoints();
    const accessPoint = accessPoints.find((ap) => ap.id === device.accessPointId);
    const body: EnrolResponse = {
      type: 'enrolled',
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.id,
      token,
      mode: device.mode,
      accessPoint: { id: device.accessPointId, name: accessPoint?.name ?? device.accessPointId },
    };
    return reply.code(201).send(body);
  });
}
