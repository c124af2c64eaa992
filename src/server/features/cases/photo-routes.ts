// PUT/GET /api/cases/:caseId/photos/:photoId: photos taken at a door (often offline) arrive
// after their case. Only JPEG, PNG or WebP, at most 5 MB, checked by their bytes, not their label.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_CASE,
  PHOTO_TYPES,
  sniffImage,
} from '../../../shared/case-photo.ts';
import { deviceOr401 } from '../../platform/device-auth.ts';
import { sendError } from '../../platform/errors.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { CaseStore } from './case-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly cases: CaseStore };

const IMAGE_TYPES: string[] = [...PHOTO_TYPES];
const params = z.strictObject({ caseId: z.uuid(), photoId: z.uuid() });

export async function photoRoutes(app: FastifyInstance, storage: Stores): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      IMAGE_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
      (_req, body, done) => done(null, body),
    );

    // Photos may be larger than other bodies, so a refusal names their own limit.
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      if (error.statusCode !== 413) throw error;
      return sendError(
        reply,
        413,
        'payload-too-large',
        `The photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB; send a smaller one.`,
      );
    });

    /** The calling device, its partner and the photo's ids; null once the 401 or 400 is sent. */
    const who = async (request: FastifyRequest, reply: FastifyReply) => {
      const device = await deviceOr401(storage, request, reply);
      if (!device) return null;
      const ids = params.safeParse(request.params);
      if (!ids.success) {
        sendError(reply, 400, 'invalid-request', 'The case and photo ids must be UUIDs.');
        return null;
      }
      const place = await storage.core.getAccessPoint(device.accessPointId);
      return { ...ids.data, device, devicePartnerId: place?.partnerId ?? null };
    };

    scope.put('/api/cases/:caseId/photos/:photoId', async (request, reply) => {
      const caller = await who(request, reply);
      if (!caller) return reply;
      const declared = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (!IMAGE_TYPES.includes(declared) || !Buffer.isBuffer(request.body)) {
        return reply.code(415).send({
          type: 'error',
          code: 'invalid-request',
          message: 'Send a JPEG, PNG or WebP photo.',
        });
      }
      const data = new Uint8Array(request.body);
      const actual = sniffImage(data);
      if (!actual || actual !== declared) {
        return sendError(
          reply,
          400,
          'invalid-request',
          'The file is not the image it claims to be.',
        );
      }
      const result = await storage.cases.storeCasePhoto({
        contentType: actual,
        data,
        ...caller,
        now: new Date().toISOString(),
      });
      if (result === 'no-case')
        return sendError(reply, 404, 'not-found', 'No such case yet: send the case first.');
      if (result === 'forbidden')
        return sendError(
          reply,
          403,
          'unauthorised',
          'This device may not add photos to that case.',
        );
      if (result === 'too-many')
        return sendError(
          reply,
          409,
          'invalid-request',
          `A case holds at most ${MAX_PHOTOS_PER_CASE} photos.`,
        );
      return reply
        .code(result === 'stored' ? 201 : 200)
        .send({ type: 'photo', status: result, size: data.byteLength });
    });

    scope.get('/api/cases/:caseId/photos/:photoId', async (request, reply) => {
      const caller = await who(request, reply);
      if (!caller) return reply;
      const photo = await storage.cases.readCasePhoto(caller);
      if (photo === 'no-case') return sendError(reply, 404, 'not-found', 'No such photo.');
      if (photo === 'forbidden')
        return sendError(reply, 403, 'unauthorised', 'This device may not see that case.');
      return reply
        .type(photo.contentType)
        .header('cache-control', 'private, max-age=86400')
        .send(Buffer.from(photo.data));
    });
  });
}
