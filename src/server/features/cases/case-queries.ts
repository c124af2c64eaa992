// The hub's reads of cases (the tracking page, the staff overview, Open311), each taking the
// database handle first: the store lends them its handle (queriesOn), so every value exported
// here is one of the store's methods.
import type { Kysely } from 'kysely';
import type { CaseEvent, CaseRecord } from '../../../shared/case.ts';
import type { CaseEventsTable, Database } from '../../platform/store/schema.ts';
import { eventsOfCases, toCaseEvent, toCaseRecord } from './case-rows.ts';

type Db = Kysely<Database>;

/** What Open311 readers may ask for (GET requests); every filter is optional. */
export interface CaseQuery {
  references?: readonly string[];
  serviceIds?: readonly string[];
  /** Inclusive bounds on when the case was opened (ISO-8601 UTC). */
  openedFrom?: string;
  openedTo?: string;
  limit: number;
}

export interface CaseHistory {
  record: CaseRecord;
  events: CaseEvent[];
}

/** A case and its events in the hub's order (for the public tracking page). */
export async function findCaseByReference(
  db: Db,
  reference: string,
): Promise<{ record: CaseRecord; events: CaseEvent[] } | null> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) return null;
  const events = await db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', row.id)
    .orderBy('seq')
    .execute();
  return {
    record: toCaseRecord(row),
    events: events.map((e) => toCaseEvent(e as CaseEventsTable & { seq: number })),
  };
}

export async function listCases(
  db: Db,
  filter: { ownerPartnerId?: string } = {},
): Promise<CaseRecord[]> {
  let query = db.selectFrom('cases').selectAll();
  if (filter.ownerPartnerId) query = query.where('owner_partner_id', '=', filter.ownerPartnerId);
  return (await query.orderBy('received_at').execute()).map(toCaseRecord);
}

/** Cases (newest opened first) with their events in the hub's order (Open311, staff overview). */
export async function listCaseHistories(
  db: Kysely<Database>,
  query: CaseQuery,
): Promise<CaseHistory[]> {
  let q = db.selectFrom('cases').selectAll();
  if (query.references) {
    if (query.references.length === 0) return [];
    q = q.where('reference', 'in', [...query.references]);
  }
  if (query.serviceIds) {
    if (query.serviceIds.length === 0) return [];
    q = q.where('service_id', 'in', [...query.serviceIds]);
  }
  if (query.openedFrom) q = q.where('opened_at', '>=', query.openedFrom);
  if (query.openedTo) q = q.where('opened_at', '<=', query.openedTo);
  const rows = await q.orderBy('opened_at', 'desc').orderBy('id').limit(query.limit).execute();
  const events = await eventsOfCases(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ record: toCaseRecord(row), events: events.get(row.id) ?? [] }));
}
