// /api/studio/open311-keys: the studio's Open311 API keys. The franchisor sees and manages every
// partner's keys (and network-wide ones); a partner manager only their own partner's, whatever
// the screen asked for. A key is shown once, in the answer to its creation; every creation and
// revoke is written to the audit log in the transaction that makes it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  OPEN311_KEY_NAME,
  type Open311KeyCreated,
  type Open311KeyList,
  type Open311KeySummary,
} from '../../../shared/api/open311-keys.ts';
import { can } from '../../../shared/staff.ts';
import { sendError } from '../../platform/errors.ts';
import { packIndexCache } from '../../platform/pack-index.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import { recordAdminChange } from '../../platform/store/admin-log.ts';
import type { StaffCallerStores } from '../staff/staff-store.ts';
import { offeredServices } from './georeport.ts';
import { mintApiKey } from './open311-keys.ts';
import type { ApiKey } from './open311-rows.ts';
import type { Open311Store } from './open311-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly open311: Open311Store };

const summary = (key: ApiKey): Open311KeySummary => ({
  name: key.name,
  partnerId: key.partnerId,
  createdAt: key.createdAt,
  createdBy: key.createdBy,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
  keyPrefix: key.keyPrefix,
});

export function open311KeyRoutes(app: FastifyInstance, storage: Stores): void {
  const packIndex = packIndexCache(storage);

  /** Who asks, and the partner they are confined to (undefined: every partner). */
  const callerOf = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await staffCaller(storage, request, reply, 'keys.manage');
    if (!who) return null;
    const { staff } = who;
    if (can(staff.role, 'partners.all')) return { staff, partnerId: undefined };
    if (staff.partnerId === null) {
      sendError(reply, 403, 'forbidden', 'Only a partner’s manager manages its keys.');
      return null;
    }
    return { staff, partnerId: staff.partnerId };
  };

  app.get('/api/studio/open311-keys', async (request, reply) => {
    const caller = await callerOf(request, reply);
    if (!caller) return reply;
    const pack = await packIndex();
    const keys = await storage.open311.listApiKeys(
      caller.partnerId === undefined ? {} : { partnerId: caller.partnerId },
    );
    const body: Open311KeyList = {
      keys: keys.map(summary),
      partners: [...pack.partners.values()]
        .filter((p) => caller.partnerId === undefined || p.id === caller.partnerId)
        .map((p) => ({
          id: p.id,
          name: p.name.en,
          services: offeredServices(pack, p.id).length,
        })),
      mayIssueNetworkKey: caller.partnerId === undefined,
    };
    return body;
  });

  app.post<{ Body: unknown }>('/api/studio/open311-keys', async (request, reply) => {
    const caller = await callerOf(request, reply);
    if (!caller) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const partnerId = body.partnerId === null || body.partnerId === '' ? null : body.partnerId;
    if (!OPEN311_KEY_NAME.test(name)) {
      return sendError(
        reply,
        400,
        'invalid-request',
        'A key’s name is lower-case letters, digits and dashes, at most 60, e.g. “fixmystreet”.',
      );
    }
    if (partnerId !== null && typeof partnerId !== 'string') {
      return sendError(reply, 400, 'invalid-request', 'partnerId is a partner’s id, or null.');
    }
    if (caller.partnerId !== undefined && partnerId !== caller.partnerId) {
      return sendError(reply, 403, 'forbidden', 'A partner manager issues keys for their partner.');
    }
    if (partnerId !== null && !(await packIndex()).partners.has(partnerId)) {
      return sendError(reply, 400, 'invalid-request', `There is no partner “${partnerId}”.`);
    }
    const actor = { id: caller.staff.id, role: caller.staff.role };
    const made = await mintApiKey(
      storage,
      { name, partnerId, now: new Date(), createdBy: caller.staff.id },
      (trx, key) =>
        recordAdminChange(trx, {
          actor,
          partnerId: key.partnerId,
          action: 'open311-key.create',
          target: key.name,
          after: summary(key),
          at: key.createdAt,
        }),
    );
    if (!made) {
      return sendError(reply, 409, 'invalid-request', `A key named “${name}” exists (or existed).`);
    }
    const created: Open311KeyCreated = { key: made.key, summary: summary(made.apiKey) };
    return reply.code(201).send(created);
  });

  app.post<{ Params: { name: string } }>(
    '/api/studio/open311-keys/:name/revoke',
    async (request, reply) => {
      const caller = await callerOf(request, reply);
      if (!caller) return reply;
      const { name } = request.params;
      const key = OPEN311_KEY_NAME.test(name) ? await storage.open311.findApiKeyByName(name) : null;
      // Another partner's key is answered as missing: its name is not this person's to know.
      if (!key || (caller.partnerId !== undefined && key.partnerId !== caller.partnerId)) {
        return sendError(reply, 404, 'not-found', `There is no key “${name}”.`);
      }
      const now = new Date().toISOString();
      const actor = { id: caller.staff.id, role: caller.staff.role };
      const revoked = await storage.open311.revokeApiKey(name, now, (trx, before, after) =>
        recordAdminChange(trx, {
          actor,
          partnerId: before.partnerId,
          action: 'open311-key.revoke',
          target: name,
          before: summary(before),
          after: summary(after),
          at: now,
        }),
      );
      if (!revoked) return sendError(reply, 404, 'not-found', `There is no key “${name}”.`);
      return summary(revoked.after);
    },
  );
}
