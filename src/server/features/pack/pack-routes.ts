// GET /api/pack/delta: the franchise pack, as the records that changed between two versions,
// in pages a device stages before switching over.
import type { FastifyInstance } from 'fastify';
import {
  DEFAULT_PACK_PAGE,
  packDeltaQuery,
  PROTOCOL_VERSION,
  type PackDeltaResponse,
} from '../../../shared/sync/protocol.ts';
import { deviceOr401 } from '../../platform/device-auth.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore };

export function packRoutes(app: FastifyInstance, storage: Stores): void {
  app.get('/api/pack/delta', async (request, reply) => {
    if (!(await deviceOr401(storage, request, reply))) return reply;
    const parsed = validOr400(
      reply,
      packDeltaQuery,
      request.query,
      'The pack request is not valid.',
    );
    if (!parsed) return reply;
    const { since, to, after, limit } = parsed;
    const latest = await storage.core.latestPackVersion();
    if (to > latest || since > to) {
      return sendError(reply, 404, 'not-found', `Pack version ${to} has not been published.`);
    }
    const [kind = '', id = ''] = after ? after.split('/') : [];
    const page = await storage.core.packDelta({
      since,
      to,
      after: after ? { kind, id } : null,
      limit: limit ?? DEFAULT_PACK_PAGE,
    });
    const body: PackDeltaResponse = {
      type: 'pack-delta',
      protocolVersion: PROTOCOL_VERSION,
      since,
      to,
      records: page.records,
      next: page.next ? `${page.next.kind}/${page.next.id}` : null,
      versions: await storage.core.listPackVersions({ after: since, upTo: to }),
    };
    return body;
  });
}
