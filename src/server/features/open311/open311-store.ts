// Storage for the Open311 GeoReport v2 API (src/server/features/open311/open311-routes.ts): API keys, kept only
// as SHA-256 hashes, and cases opened by an integration. Such a case goes through the same
// openCase as one captured at a door, under a synthetic device named after the key, so it is
// routed, given due times and sent to the owning partner's devices in exactly the same way.
import type { Kysely } from 'kysely';
import type { CaseOpenInput } from '../../../shared/case.ts';
import { newId } from '../../../shared/ids.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import type { Device } from '../../platform/store/core-store.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import { openCase } from '../cases/case-ops.ts';

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

export type Open311Store = ReturnType<typeof createOpen311Store>;

export const createOpen311Store = (db: Kysely<Database>) =>
  queriesOn(db, { createApiKey, findApiKey, openIntegrationCase });

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

async function createApiKey(
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

async function findApiKey(db: Kysely<Database>, keyHash: string): Promise<ApiKey | null> {
  const row = await db311(db)
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** Opens a case for an integration in one transaction; null when it was opened. */
async function openIntegrationCase(
  db: Kysely<Database>,
  key: ApiKey,
  input: CaseOpenInput,
  now: string,
): Promise<OpResult | null> {
  return db
    .transaction()
    .execute((trx) => openCase(trx, integrationDevice(key), newId(), input, now));
}
