// Mystery-shopping scores for the hub-only views (and the insight dashboards): per standard,
// per access point, per partner and month by month, aggregated in the database. The franchisor's
// staff see every place, a partner's manager their partner's, other staff their own places.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditScores } from '../../../shared/api/audit-scores.ts';
import { slug } from '../../../shared/pack/schema.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import type { StaffRecord, StaffCallerStores } from '../staff/staff-store.ts';
import type { AuditScoreQuery } from './audit-queries.ts';
import type { AuditStore } from './audit-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly audits: AuditStore };

const day = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const auditScoresQuery = z.strictObject({
  from: day.optional(),
  /** Inclusive: the whole of this day. */
  to: day.optional(),
  partnerId: slug.optional(),
  accessPointId: slug.optional(),
});

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function auditRoutes(app: FastifyInstance, storage: Stores): void {
  /** The signed-in person behind the request, if they may read audit scores. */
  async function reader(request: FastifyRequest, reply: FastifyReply): Promise<StaffRecord | null> {
    // Auditors read what they scored; whoever may see the dashboards reads the scores too.
    return (await staffCaller(storage, request, reply, 'audit', 'insight.view'))?.staff ?? null;
  }

  app.get('/api/staff/audits/scores', async (request, reply) => {
    const who = await reader(request, reply);
    if (!who) return reply;
    const filter = validOr400(reply, auditScoresQuery, request.query, 'The filters are not valid.');
    if (!filter) return reply;
    if (filter.from && filter.to && filter.to < filter.from) {
      return sendError(reply, 400, 'invalid-request', 'The period ends before it starts.');
    }
    const query: AuditScoreQuery = {
      ...(filter.from ? { from: `${filter.from}T00:00:00.000Z` } : {}),
      ...(filter.to ? { to: `${nextDay(filter.to)}T00:00:00.000Z` } : {}),
    };
    const place = filter.accessPointId
      ? await storage.core.getAccessPoint(filter.accessPointId)
      : undefined;
    if (place === null) return sendError(reply, 404, 'not-found', 'No such access point.');

    if (who.partnerId === null) {
      // The franchisor's own staff (administrators, auditors) see every partner.
      if (filter.partnerId) query.partnerIds = [filter.partnerId];
    } else if (who.role === 'partner-manager') {
      const mine = filter.partnerId === undefined || filter.partnerId === who.partnerId;
      if (!mine || (place && place.partnerId !== who.partnerId)) {
        return sendError(reply, 403, 'forbidden', 'You may see only your own partner’s scores.');
      }
      query.partnerIds = [who.partnerId];
    } else {
      // Other staff see the places they work at, one at a time.
      const own = place && who.accessPointIds.includes(place.id);
      if (!own || (filter.partnerId && filter.partnerId !== place.partnerId)) {
        return sendError(
          reply,
          403,
          'forbidden',
          'Choose one of your own places: you may see only their scores.',
        );
      }
    }
    if (place) query.accessPointId = place.id;
    return (await storage.audits.auditScores(query)) satisfies AuditScores;
  });
}
