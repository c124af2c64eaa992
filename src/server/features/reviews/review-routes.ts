// Moderating citizens' reviews on the hub: the queue of reviews waiting (and those already
// published or rejected), and a decision on one. Staff with `reviews.moderate` only: the
// franchisor sees every review, a partner's manager those of their partner's services and of
// their partner. Review text is returned as data; the moderation view shows it escaped.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ReviewForModeration } from '../../../shared/api/review-moderation.ts';
import { reviewDecision, REVIEW_STATUSES } from '../../../shared/review.ts';
import { can } from '../../../shared/staff.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import type { StaffRecord, StaffCallerStores } from '../staff/staff-store.ts';
import type { ReviewStore } from './review-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly reviews: ReviewStore };

const listQuery = z.strictObject({ status: z.enum(REVIEW_STATUSES).default('pending') });
/** Review ids are UUIDs; anything else names no review (and never reaches the database). */
const REVIEW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 200;

export function reviewRoutes(app: FastifyInstance, storage: Stores): void {
  /** The signed-in moderator behind a request (device token + hub session), or an error sent. */
  async function moderator(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ staff: StaffRecord; partnerId: string | null } | null> {
    const session = await staffCaller(storage, request, reply, 'reviews.moderate');
    if (!session) return null;
    const { staff } = session;
    // The franchisor moderates every review; anyone else only their own partner's.
    const everyone = can(staff.role, 'partners.all');
    if (!everyone && !staff.partnerId) {
      sendError(reply, 403, 'forbidden', 'Only a partner’s staff moderate its reviews.');
      return null;
    }
    return { staff, partnerId: everyone ? null : staff.partnerId };
  }

  app.get('/api/staff/reviews', async (request, reply) => {
    const who = await moderator(request, reply);
    if (!who) return reply;
    const query = validOr400(
      reply,
      listQuery,
      request.query,
      'Ask for pending, published or rejected reviews.',
    );
    if (!query) return reply;
    const reviews = await storage.reviews.listReviews({
      status: query.status,
      partnerId: who.partnerId,
      limit: LIST_LIMIT,
    });
    return reviews satisfies ReviewForModeration[];
  });

  app.post(
    '/api/staff/reviews/:id/decision',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await moderator(request, reply);
      if (!who) return reply;
      const parsed = validOr400(
        reply,
        reviewDecision,
        request.body,
        'Approve, or reject with a reason; nothing was changed.',
      );
      if (!parsed) return reply;
      if (!REVIEW_ID.test(request.params.id)) {
        return sendError(reply, 404, 'not-found', 'No such review.');
      }
      const result = await storage.reviews.decideReview({
        id: request.params.id,
        decision: parsed,
        staff: { id: who.staff.id, name: who.staff.name },
        partnerId: who.partnerId,
        now: new Date().toISOString(),
      });
      if (result.ok) return result.review satisfies ReviewForModeration;
      if (result.problem === 'not-found') {
        return sendError(reply, 404, 'not-found', 'No such review.');
      }
      if (result.problem === 'forbidden') {
        return sendError(reply, 403, 'forbidden', 'You may moderate only your partner’s reviews.');
      }
      return sendError(
        reply,
        409,
        'invalid-request',
        parsed.decision === 'approve'
          ? 'This review is already published.'
          : 'This review is already rejected.',
      );
    },
  );
}
