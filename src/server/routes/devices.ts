// Enrolment: a one-time code (printed by `npm start`, later issued by staff) becomes a device
// token bound to one access point.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  describeIssues,
  enrolRequest,
  PROTOCOL_VERSION,
  type EnrolResponse,
} from '../../shared/sync/protocol.ts';
import { sendError } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { hashSecret, newDeviceToken, normaliseEnrolmentCode } from '../tokens.ts';

export function deviceRoutes(app: FastifyInstance, storage: Storage): void {
  app.post('/api/devices/enrol', async (request, reply) => {
    const parsed = enrolRequest.safeParse(request.body);
    if (!parsed.success) {
      return sendError(
        reply,
        400,
        'invalid-request',
        'The enrolment request is not valid.',
        describeIssues(parsed.error),
      );
    }
    if (parsed.data.protocolVersion !== PROTOCOL_VERSION) {
      return sendError(reply, 426, 'protocol-version', 'Please reload the app to update it.');
    }
    const token = newDeviceToken();
    const device = await storage.enrolDevice({
      codeHash: hashSecret(normaliseEnrolmentCode(parsed.data.code)),
      deviceId: randomUUID(),
      deviceName: parsed.data.deviceName,
      tokenHash: hashSecret(token),
      now: new Date().toISOString(),
      mode: parsed.data.mode,
    });
    if (!device) {
      return sendError(
        reply,
        403,
        'enrolment-code',
        'That enrolment code is unknown, already used or expired. Ask for a new one.',
      );
    }
    const accessPoints = await storage.listAccessPoints();
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
