// POST /api/sync: one round trip pushes the outbox and pulls a page of the change feed.
import type { FastifyInstance } from 'fastify';
import { uuidV7 } from '../../../shared/ids.ts';
import { KIOSK_EXCLUDED_ENTITIES } from '../../../shared/sync/feed.ts';
import { validateOp, type ValidOp } from '../../../shared/sync/mutations.ts';
import {
  ACKED_HEADER,
  DEFAULT_PULL_PAGE,
  NO_ACKED_OP,
  PROTOCOL_VERSION,
  syncRequest,
  type OpResult,
  type SyncResponse,
} from '../../../shared/sync/protocol.ts';
import { bearerTokenHash, NOT_ENROLLED } from '../../platform/device-auth.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import {
  accessPointScope,
  GLOBAL_SCOPE,
  InvalidCursorError,
  partnerScope,
} from '../../platform/store/change-feed.ts';
import { knowsState, type CoreStore } from '../../platform/store/core-store.ts';
import { denial, staffLookup } from '../staff/staff-policy.ts';
import type { StaffStore } from '../staff/staff-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly staff: StaffStore };

export function syncRoutes(app: FastifyInstance, storage: Stores): void {
  app.post('/api/sync', async (request, reply) => {
    // The device, its place's partner, the pack version and the restore check's inputs: one
    // query (on PostgreSQL a round trip each used to be four).
    const tokenHash = bearerTokenHash(request);
    const acked = ackedOpOf(request.headers[ACKED_HEADER]);
    const context = tokenHash ? await storage.core.syncContext(tokenHash, acked ?? null) : null;
    if (!context) {
      return sendError(reply, 401, 'unauthorised', NOT_ENROLLED);
    }
    const { device } = context;
    const body = validOr400(
      reply,
      syncRequest,
      request.body,
      'The sync batch is malformed; nothing in it was stored.',
    );
    if (!body) return reply;
    if (body.protocolVersion !== PROTOCOL_VERSION) {
      return sendError(reply, 426, 'protocol-version', 'Please reload the app to update it.');
    }

    try {
      storage.core.assertCursor(body.cursor);
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      return sendError(reply, 400, 'invalid-request', error.message, ['cursor: unknown']);
    }

    // The restore check (protocol revision 2): a device that sends its newest acknowledged op
    // learns when this hub lost it, or lost the feed position the device holds. Nothing is
    // applied then, so an op never lands before one it may depend on that must be re-sent.
    const restored =
      acked !== undefined && !knowsState(context.state, context.holdsAckedOp, body.cursor);
    const cursor = restored ? null : body.cursor;

    // Ops that fail validation are rejected one by one; the rest of the batch still applies.
    const results: (OpResult | null)[] = [];
    const valid: ValidOp[] = [];
    const lookup = staffLookup(storage);
    for (const op of restored ? [] : body.push) {
      if (op.deviceId !== device.id) {
        results.push({
          status: 'rejected',
          opId: op.id,
          code: 'device-mismatch',
          reason: 'the op was written on another device',
        });
        continue;
      }
      const checked = validateOp(op);
      const refused = checked.ok ? await denial(checked.op, device, lookup) : null;
      if (checked.ok && refused) {
        results.push({ status: 'rejected', opId: op.id, code: 'forbidden', reason: refused });
      } else if (checked.ok) {
        valid.push(checked.op);
        results.push(null);
      } else {
        results.push({
          status: 'rejected',
          opId: op.id,
          code: checked.code,
          reason: checked.reason,
        });
      }
    }
    const now = new Date().toISOString();
    const applied = await storage.core.applyOps(device, valid, now);
    let next = 0;
    const allResults = results.map((r) => r ?? (applied[next++] as OpResult));

    const page = await storage.core.pullChanges({
      scopes: [
        GLOBAL_SCOPE,
        accessPointScope(device.accessPointId),
        ...(context.partnerId !== null ? [partnerScope(context.partnerId)] : []),
      ],
      excludeOriginDevice: device.id,
      // A kiosk is used by the public: it never receives personal data.
      ...(device.mode === 'kiosk' ? { excludeEntities: KIOSK_EXCLUDED_ENTITIES } : {}),
      cursor,
      limit: body.pullLimit ?? DEFAULT_PULL_PAGE,
    });
    // One UPDATE of the device row at most: the cursor issued (when it moved) with what the
    // device reported of itself (the studio's device list), when it did.
    await storage.core.recordDeviceSync({
      deviceId: device.id,
      ...(page.cursor !== null && page.cursor !== body.cursor
        ? { cursor: { sent: cursor, issued: page.cursor } }
        : {}),
      ...(body.health ? { health: body.health } : {}),
      now,
    });
    const response: SyncResponse = {
      type: 'sync-result',
      protocolVersion: PROTOCOL_VERSION,
      results: allResults,
      changes: page.changes,
      cursor: page.cursor,
      hasMore: page.hasMore,
      serverTime: now,
      // Read before the ops applied: a pack published meanwhile is announced by the next sync.
      packVersion: context.packVersion,
      ...(restored ? { restored: true as const } : {}),
    };
    return response;
  });
}

/** The op id in the restore-check header; null for "none"; undefined when absent or garbled. */
function ackedOpOf(header: string | string[] | undefined): string | null | undefined {
  if (typeof header !== 'string') return undefined;
  if (header === NO_ACKED_OP) return null;
  return uuidV7.safeParse(header).success ? header : undefined;
}
