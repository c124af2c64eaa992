// The change feed: every record a device receives is a row of `changes`, written in the
// transaction of the change it tells of, under a scope saying who receives it. How a pull
// pages through it in commit order differs per database (sqlite.ts, postgres.ts).
import type { Transaction } from 'kysely';
import type { FeedEntity } from '../../../shared/sync/feed.ts';
import type { Change } from '../../../shared/sync/protocol.ts';
import type { Database } from './schema.ts';

/** Change-log scopes: a device sees the global scope and its own access point's. */
export const GLOBAL_SCOPE = '*';
export function accessPointScope(accessPointId: string): string {
  return `ap:${accessPointId}`;
}
/** Cases owned by a partner reach the devices at that partner's access points. */
export function partnerScope(partnerId: string): string {
  return `partner:${partnerId}`;
}

export interface PullPage {
  changes: Change[];
  /** Where the next pull starts. Unchanged (possibly null) when nothing new was visible. */
  cursor: string | null;
  hasMore: boolean;
}

export interface PullInput {
  scopes: readonly string[];
  excludeOriginDevice: string;
  /** Record kinds this device must never receive (a kiosk gets no personal data). */
  excludeEntities?: readonly FeedEntity[];
  cursor: string | null;
  limit: number;
}

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`cursor "${cursor}" was not issued by this server`);
  }
}

/**
 * Tells the devices of every scope about one record, in the transaction that changed it.
 * `origin` is the device whose op it was: it already holds the record, so it is not sent back
 * (null: the hub's own copy differs from the device's, as for routed cases; send it to all).
 */
export async function recordChange(
  trx: Transaction<Database>,
  change: {
    scopes: readonly string[];
    entity: FeedEntity;
    id: string;
    /** The record as devices receive it; null with `op: 'delete'`. */
    data: unknown;
    op?: 'upsert' | 'delete';
    origin: string | null;
    now: string;
  },
): Promise<void> {
  const scopes = [...new Set(change.scopes)];
  if (scopes.length === 0) return;
  const data = JSON.stringify(change.data ?? null);
  await trx
    .insertInto('changes')
    .values(
      scopes.map((scope) => ({
        scope,
        entity: change.entity,
        entity_id: change.id,
        op: change.op ?? 'upsert',
        data,
        origin_device: change.origin,
        created_at: change.now,
      })),
    )
    .execute();
}

export function rowToChange(row: {
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: string;
}): Change {
  return { entity: row.entity, id: row.entity_id, op: row.op, data: JSON.parse(row.data) };
}
