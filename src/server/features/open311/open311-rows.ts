// How the Open311 API's records are kept beside the hub's own: the tables it adds (read through
// db311, as the hub's schema leaves them out), an API key as the hub reads it, and the access
// point and synthetic device an integration's cases are recorded under.
import type { Kysely, Transaction } from 'kysely';
import type { Device } from '../../platform/store/device.ts';
import type { Database } from '../../platform/store/schema.ts';

export interface ApiKeysTable {
  key_hash: string;
  name: string;
  partner_id: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  created_by: string | null;
  key_prefix: string | null;
}

export interface Open311RequestsTable {
  case_id: string;
  key_name: string;
  jurisdiction_id: string | null;
  media_url: string | null;
}

export interface Open311UpdatesTable {
  event_id: string;
  case_id: string;
  key_name: string;
  external_id: string;
  status: string;
  media_url: string | null;
}

export type Open311Database = Database & {
  api_keys: ApiKeysTable;
  open311_requests: Open311RequestsTable;
  open311_updates: Open311UpdatesTable;
};

export interface ApiKey {
  name: string;
  partnerId: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** The person who issued it (their staff id); null for keys issued by the command line. */
  createdBy: string | null;
  /** The key's first characters, so people can tell keys apart; null for older keys. */
  keyPrefix: string | null;
}

/** The access point every Open311 integration's cases are recorded under. */
export const OPEN311_ACCESS_POINT = 'open311';

export const db311 = (db: Kysely<Database> | Transaction<Database>) =>
  db as unknown as Kysely<Open311Database>;

export const toApiKey = (row: ApiKeysTable): ApiKey => ({
  name: row.name,
  partnerId: row.partner_id,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
  createdBy: row.created_by,
  keyPrefix: row.key_prefix,
});

/** The device an integration's cases are recorded as coming from. */
export function integrationDevice(key: Pick<ApiKey, 'name' | 'createdAt' | 'revokedAt'>): Device {
  return {
    id: `open311:${key.name}`,
    accessPointId: OPEN311_ACCESS_POINT,
    name: key.name,
    mode: 'counter',
    enrolledAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}
