// Storage for the Open311 GeoReport v2 API (src/server/features/open311/open311-routes.ts): API keys, kept only
// as SHA-256 hashes, and cases opened by an integration. Such a case goes through the same
// openCase as one captured at a door, under a synthetic device named after the key, so it is
// routed, given due times and sent to the owning partner's devices in exactly the same way.
import type { Kysely } from 'kysely';
import type { CaseEvent, CaseOpenInput, CaseRecord } from '../../../shared/case.ts';
import { newId } from '../../../shared/ids.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import { openCase, toCaseEvent, toCaseRecord } from '../cases/case-store.ts';
import type { CaseEventsTable, Database } from '../../platform/store/schema.ts';
import type { Device } from '../../platform/store/storage.ts';

export interface ApiKeysTable {
  key_hash: string;
  name: string;
  partner_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

type Open311Database = Database & { api_keys: ApiKeysTable };

export interface ApiKey {
  name: string;
  partnerId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

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

/** The access point every Open311 integration's cases are recorded under. */
export const OPEN311_ACCESS_POINT = 'open311';

const db311 = (db: Kysely<Database>) => db as unknown as Kysely<Open311Database>;

const toApiKey = (row: ApiKeysTable): ApiKey => ({
  name: row.name,
  partnerId: row.partner_id,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** The device an integration's cases are recorded as coming from. */
export function integrationDevice(key: ApiKey): Device {
  return {
    id: `open311:${key.name}`,
    accessPointId: OPEN311_ACCESS_POINT,
    name: key.name,
    mode: 'counter',
    enrolledAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}

export async function createApiKey(
  db: Kysely<Database>,
  input: { keyHash: string; name: string; partnerId: string | null; now: string },
): Promise<void> {
  await db311(db)
    .insertInto('api_keys')
    .values({
      key_hash: input.keyHash,
      name: input.name,
      partner_id: input.partnerId,
      created_at: input.now,
      revoked_at: null,
    })
    .execute();
}

export async function findApiKey(db: Kysely<Database>, keyHash: string): Promise<ApiKey | null> {
  const row = await db311(db)
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function revokeApiKey(db: Kysely<Database>, name: string, now: string): Promise<void> {
  await db311(db)
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Opens a case for an integration in one transaction; null when it was opened. */
export async function openIntegrationCase(
  db: Kysely<Database>,
  key: ApiKey,
  input: CaseOpenInput,
  now: string,
): Promise<OpResult | null> {
  return db
    .transaction()
    .execute((trx) => openCase(trx, integrationDevice(key), newId(), input, now));
}

/** Cases (newest opened first) with their events in the hub's order. */
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
  const events = new Map<string, CaseEvent[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const batch = await db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', 'in', ids.slice(i, i + 500))
      .orderBy('seq')
      .execute();
    for (const row of batch) {
      const event = toCaseEvent(row as CaseEventsTable & { seq: number });
      const list = events.get(event.caseId) ?? [];
      list.push(event);
      events.set(event.caseId, list);
    }
  }
  return rows.map((row) => ({ record: toCaseRecord(row), events: events.get(row.id) ?? [] }));
}
