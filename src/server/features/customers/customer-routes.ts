// The single customer view: hub-only routes (personal data across doors is never synced to
// every device). Staff with `customers.view` search and read; `customers.manage` merges, undoes,
// turns proposals down, exports and erases. A partner's staff reach only the people their
// partner has dealt with; anyone else's record answers 404, as if it did not exist.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type {
  CustomerDetail,
  CustomerDone,
  CustomerEraseResult,
  CustomerMergeResult,
  CustomerSummary,
  CustomerUndoResult,
  MatchProposal,
} from '../../../shared/api/customers.ts';
import { anyUuid } from '../../../shared/ids.ts';
import { can, type Action } from '../../../shared/staff.ts';
import { freeText } from '../../../shared/text.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import type { StaffCallerStores } from '../staff/staff-store.ts';
import type { CustomerViewer } from './customer-links.ts';
import type { Outcome } from './customer-queries.ts';
import type { CustomerStore } from './customer-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly customers: CustomerStore };

const searchQuery = z.strictObject({
  name: freeText(0, 120).optional(),
  phone: freeText(0, 40).optional(),
  email: freeText(0, 200).optional(),
  postcode: freeText(0, 12).optional(),
  dateOfBirth: freeText(0, 10).optional(),
});
const mergeBody = z.strictObject({ keepId: anyUuid, mergeId: anyUuid });
const pairBody = z.strictObject({ aId: anyUuid, bId: anyUuid });

const STATUS = { 'not-found': 404, conflict: 409, invalid: 400 } as const;

export function customerRoutes(app: FastifyInstance, storage: Stores): void {
  /** The person signed in on this device, as a viewer of customers; null once answered. */
  async function viewer(
    request: FastifyRequest,
    reply: FastifyReply,
    action: Action,
  ): Promise<CustomerViewer | null> {
    const session = await staffCaller(storage, request, reply, action);
    if (!session) return null;
    const everyone = can(session.staff.role, 'partners.all');
    // Staff of no partner who are not the franchisor see nobody ('' matches no partner).
    return {
      staffId: session.staff.id,
      partnerId: everyone ? null : (session.staff.partnerId ?? ''),
    };
  }

  function answer<T>(reply: FastifyReply, outcome: Outcome<T>, status = 200) {
    if (outcome.ok) return reply.code(status).send(outcome.value ?? { ok: true });
    return sendError(
      reply,
      STATUS[outcome.problem],
      // 409 says "conflict"; the protocol's error codes have no word of their own for it.
      outcome.problem === 'not-found' ? 'not-found' : 'invalid-request',
      outcome.message,
    );
  }

  const body = <T>(reply: FastifyReply, schema: z.ZodType<T>, input: unknown) =>
    validOr400(reply, schema, input, 'The request is not valid; nothing was changed.');

  const idOf = (request: FastifyRequest<{ Params: { id: string } }>) =>
    anyUuid.safeParse(request.params.id).success ? request.params.id : null;

  app.get('/api/customers', async (request, reply) => {
    const who = await viewer(request, reply, 'customers.view');
    if (!who) return reply;
    const query = body(reply, searchQuery, request.query);
    if (!query) return reply;
    return answer<CustomerSummary[]>(reply, await storage.customers.searchCustomers(query, who));
  });

  app.get('/api/customers/matches', async (request, reply) => {
    const who = await viewer(request, reply, 'customers.manage');
    if (!who) return reply;
    return (await storage.customers.customerMatches(who)) satisfies MatchProposal[];
  });

  app.post('/api/customers/matches/reject', async (request, reply) => {
    const who = await viewer(request, reply, 'customers.manage');
    if (!who) return reply;
    const input = body(reply, pairBody, request.body);
    if (!input) return reply;
    const outcome = await storage.customers.rejectCustomerMatch({
      ...input,
      viewer: who,
      now: new Date().toISOString(),
    });
    return answer<CustomerDone | null>(reply, outcome);
  });

  app.post('/api/customers/merges', async (request, reply) => {
    const who = await viewer(request, reply, 'customers.manage');
    if (!who) return reply;
    const input = body(reply, mergeBody, request.body);
    if (!input) return reply;
    const outcome = await storage.customers.mergeCustomers({
      ...input,
      viewer: who,
      now: new Date().toISOString(),
    });
    return answer<CustomerMergeResult>(reply, outcome, 201);
  });

  app.post(
    '/api/customers/merges/:id/undo',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await viewer(request, reply, 'customers.manage');
      if (!who) return reply;
      const id = idOf(request);
      if (!id) return sendError(reply, 404, 'not-found', 'No such merge.');
      const outcome = await storage.customers.undoCustomerMerge({
        mergeId: id,
        viewer: who,
        now: new Date().toISOString(),
      });
      return answer<CustomerUndoResult>(reply, outcome);
    },
  );

  app.get(
    '/api/customers/:id',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await viewer(request, reply, 'customers.view');
      if (!who) return reply;
      const id = idOf(request);
      const detail = id ? await storage.customers.customerDetail(id, who) : null;
      if (!detail) return sendError(reply, 404, 'not-found', 'No such customer.');
      return detail satisfies CustomerDetail;
    },
  );

  app.get(
    '/api/customers/:id/export',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await viewer(request, reply, 'customers.manage');
      if (!who) return reply;
      const id = idOf(request);
      if (!id) return sendError(reply, 404, 'not-found', 'No such customer.');
      const outcome = await storage.customers.exportCustomer({
        id,
        viewer: who,
        now: new Date().toISOString(),
      });
      if (outcome.ok) {
        // A download, never cached: it is everything held about one person.
        reply
          .header('content-disposition', `attachment; filename="customer-${id}.json"`)
          .header('cache-control', 'no-store');
      }
      return answer(reply, outcome);
    },
  );

  app.post(
    '/api/customers/:id/erase',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await viewer(request, reply, 'customers.manage');
      if (!who) return reply;
      const id = idOf(request);
      if (!id) return sendError(reply, 404, 'not-found', 'No such customer.');
      const outcome = await storage.customers.eraseCustomer({
        id,
        viewer: who,
        now: new Date().toISOString(),
      });
      return answer<CustomerEraseResult>(reply, outcome);
    },
  );
}
