// The studio's audit log: every administrative change, newest first, as JSON pages for the
// screen and as CSV for export. The franchisor reads every entry; a partner manager only those
// about their own partner, whatever the screen asked for.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdminLogPage } from '../../../shared/api/admin-log.ts';
import { csvCell } from '../../../shared/insight.ts';
import { can } from '../../../shared/staff.ts';
import { sendError } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import { listAdminChanges } from '../../platform/store/admin-log.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { StaffCallerStores } from '../staff/staff-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly core: CoreStore };

const PAGE = 50;
/** One export's ceiling: the log is append-only, so an export of everything grows for ever. */
const EXPORT_LIMIT = 100_000;

export function adminLogRoutes(app: FastifyInstance, storage: Stores): void {
  /** The partner whose entries this person may read: undefined for every partner. */
  const scopeOf = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await staffCaller(storage, request, reply, 'admin-log.view');
    if (!who) return null;
    const { staff } = who;
    if (can(staff.role, 'partners.all')) return { partnerId: undefined };
    if (staff.partnerId === null) {
      sendError(reply, 403, 'forbidden', 'Only a partner’s manager reads its log.');
      return null;
    }
    return { partnerId: staff.partnerId };
  };

  app.get<{ Querystring: { before?: string } }>('/api/studio/admin-log', async (request, reply) => {
    const scope = await scopeOf(request, reply);
    if (!scope) return reply;
    const { before } = request.query;
    if (before !== undefined && !/^\d{1,15}$/.test(before)) {
      return sendError(reply, 400, 'invalid-request', '“before” is the next page’s number.');
    }
    const page = await listAdminChanges(storage.core.db, {
      ...scope,
      ...(before !== undefined ? { before: Number(before) } : {}),
      limit: PAGE,
    });
    const body: AdminLogPage = {
      entries: page.entries,
      next: page.next === null ? null : String(page.next),
    };
    return body;
  });

  app.get('/api/studio/admin-log.csv', async (request, reply) => {
    const scope = await scopeOf(request, reply);
    if (!scope) return reply;
    const { entries } = await listAdminChanges(storage.core.db, { ...scope, limit: EXPORT_LIMIT });
    const header = ['at', 'actor', 'role', 'partner', 'action', 'target', 'before', 'after'];
    const lines = [
      header,
      ...entries.map((e) => [
        e.at,
        e.actorId,
        e.actorRole,
        e.partnerId,
        e.action,
        e.target,
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
      ]),
    ];
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="anydoor-admin-log.csv"')
      .send(lines.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');
  });
}
