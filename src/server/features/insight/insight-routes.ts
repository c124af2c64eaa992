// The insight dashboards on the hub: every figure for a date range and filters, each table as
// CSV, and the franchisor's unit costs. Scoped by role: the franchisor sees every partner, a
// partner's manager their partner, counter and back-office staff the places they work at; a
// filter outside that scope is refused, and the scope is also part of every query.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Dashboard, UnitCostsResponse } from '../../../shared/api/insight.ts';
import { CHANNELS } from '../../../shared/channels.ts';
import {
  INSIGHT_TABLES,
  MAX_UNIT_COST,
  insightTables,
  parseInsightFilter,
  toCsv,
  type InsightFilter,
  type InsightScope,
  type InsightTableName,
} from '../../../shared/insight.ts';
import { can, type Action } from '../../../shared/staff.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import type { StaffRecord, StaffCallerStores } from '../staff/staff-store.ts';
import type { InsightStore } from './insight-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly insight: InsightStore };

const unitCostsInput = z.strictObject({
  costs: z
    .partialRecord(z.enum(CHANNELS), z.number().int().min(0).max(MAX_UNIT_COST))
    .refine((costs) => Object.keys(costs).length > 0, 'name at least one channel'),
});

export function scopeOf(staff: StaffRecord): InsightScope {
  if (can(staff.role, 'partners.all')) return { kind: 'all' };
  if (staff.role === 'partner-manager' && staff.partnerId) {
    return { kind: 'partner', partnerId: staff.partnerId };
  }
  return { kind: 'places', accessPointIds: staff.accessPointIds };
}

export function insightRoutes(app: FastifyInstance, storage: Stores): void {
  const caller = async (request: FastifyRequest, reply: FastifyReply, action: Action) =>
    (await staffCaller(storage, request, reply, action))?.staff ?? null;

  /** The filter asked for, if the caller may see it; else the reply is sent and null returned. */
  async function filterFor(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffRecord,
  ): Promise<{ filter: InsightFilter; scope: InsightScope } | null> {
    const parsed = parseInsightFilter(
      request.query as Record<string, unknown>,
      new Date().toISOString().slice(0, 10),
    );
    if (!parsed.ok) {
      sendError(reply, 400, 'invalid-request', `The filter is not valid: ${parsed.problem}.`);
      return null;
    }
    const { filter } = parsed;
    const scope = scopeOf(staff);
    const place = filter.accessPoint ? await storage.core.getAccessPoint(filter.accessPoint) : null;
    // Counter and back-office staff may narrow to a partner only if one of their places is its.
    const theirPartners =
      scope.kind === 'places' && filter.partner !== undefined
        ? new Set(
            (await storage.core.listAccessPoints())
              .filter((ap) => scope.accessPointIds.includes(ap.id))
              .map((ap) => ap.partnerId),
          )
        : null;
    const outside =
      (scope.kind === 'partner' &&
        ((filter.partner !== undefined && filter.partner !== scope.partnerId) ||
          (filter.accessPoint !== undefined && place?.partnerId !== scope.partnerId))) ||
      (scope.kind === 'places' &&
        ((filter.accessPoint !== undefined && !scope.accessPointIds.includes(filter.accessPoint)) ||
          (theirPartners !== null && !theirPartners.has(filter.partner ?? ''))));
    if (outside) {
      sendError(reply, 403, 'forbidden', 'You may see only your own partner’s or places’ figures.');
      return null;
    }
    return { filter, scope };
  }

  /** The dashboard for the filters asked, within the caller's scope; null once refused. */
  async function dashboardFor(request: FastifyRequest, reply: FastifyReply, staff: StaffRecord) {
    const asked = await filterFor(request, reply, staff);
    if (!asked) return null;
    const { filter, scope } = asked;
    const now = new Date().toISOString();
    return { filter, dashboard: await storage.insight.insightDashboard(filter, scope, now) };
  }

  app.get('/api/staff/insight', async (request, reply) => {
    const staff = await caller(request, reply, 'insight.view');
    if (!staff) return reply;
    const asked = await dashboardFor(request, reply, staff);
    if (!asked) return reply;
    return asked.dashboard satisfies Dashboard;
  });

  app.get(
    '/api/staff/insight/:file',
    async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
      const staff = await caller(request, reply, 'insight.view');
      if (!staff) return reply;
      const name = request.params.file.replace(/\.csv$/, '');
      if (
        !request.params.file.endsWith('.csv') ||
        !(INSIGHT_TABLES as readonly string[]).includes(name)
      ) {
        return sendError(reply, 404, 'not-found', 'No such table.');
      }
      const asked = await dashboardFor(request, reply, staff);
      if (!asked) return reply;
      const table = insightTables(asked.dashboard)[name as InsightTableName];
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="anydoor-${name}-${asked.filter.from}-${asked.filter.to}.csv"`,
        )
        .send(toCsv(table));
    },
  );

  app.get('/api/staff/insight-unit-costs', async (request, reply) => {
    const staff = await caller(request, reply, 'insight.view');
    if (!staff) return reply;
    return { costs: await storage.insight.loadUnitCosts() } satisfies UnitCostsResponse;
  });

  // Unit costs are the franchisor's to set: they price every partner's channels alike.
  app.put('/api/staff/insight-unit-costs', async (request, reply) => {
    const staff = await caller(request, reply, 'insight.view');
    if (!staff) return reply;
    if (!can(staff.role, 'partners.all')) {
      return sendError(reply, 403, 'forbidden', 'Only the franchisor sets the unit costs.');
    }
    const parsed = validOr400(
      reply,
      unitCostsInput,
      request.body,
      `Unit costs are whole pence from 0 to ${MAX_UNIT_COST} per channel; nothing was changed.`,
    );
    if (!parsed) return reply;
    await storage.insight.saveUnitCosts(
      parsed.costs as Record<string, number>,
      staff.id,
      new Date().toISOString(),
    );
    return { costs: await storage.insight.loadUnitCosts() } satisfies UnitCostsResponse;
  });
}
