// Storage for the Open311 GeoReport v2 API (src/server/features/open311/open311-routes.ts): API
// keys, kept only as SHA-256 hashes, with who made them and when each was last used; cases
// opened by an integration, with what Open311 adds to them (the key, the jurisdiction, the
// media_url); and updates, both ways (mySociety's servicerequestupdates extension). A case
// goes through the same openCase as one captured at a door, under a synthetic device named
// after the key, so it is routed, given due times and sent to the owning partner's devices in
// exactly the same way; an update posted by an integration is a case event like a door's.
import type { Kysely, Transaction } from 'kysely';
import { caseState, type CaseDue, type CaseOpenInput } from '../../../shared/case.ts';
import { newId } from '../../../shared/ids.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import { recordChange } from '../../platform/store/change-feed.ts';
import type { CaseEventsTable, Database } from '../../platform/store/schema.ts';
import { openCase } from '../cases/case-ops.ts';
import { caseScopes, eventsOfCases, toCaseEvent } from '../cases/case-rows.ts';
import {
  db311,
  integrationDevice,
  toApiKey,
  type ApiKey,
  type ApiKeysTable,
} from './open311-rows.ts';

/** What an Open311 post added to a case. */
export interface RequestExtras {
  keyName: string;
  jurisdictionId: string | null;
  mediaUrl: string | null;
}

/** A public action on a case, as servicerequestupdates lists it. */
export interface PublicUpdate {
  eventId: string;
  kind: string;
  stepId: string | null;
  reference: string;
  serviceId: string;
  receivedAt: string;
  /** Only for updates posted through Open311: their text, status and media_url. */
  posted: { description: string; status: string; mediaUrl: string | null } | null;
}

export interface NewApiKey {
  keyHash: string;
  name: string;
  partnerId: string | null;
  now: string;
  createdBy?: string | null;
  keyPrefix?: string | null;
}

/**
 * Stores a key; false when the name is taken (a name is also the integration's device id, so
 * it is never reused, even after a revoke). `withinTransaction` runs in the same transaction
 * (the audit log's entry).
 */
export async function createApiKey(
  db: Kysely<Database>,
  input: NewApiKey,
  withinTransaction?: (trx: Transaction<Database>, key: ApiKey) => Promise<void>,
): Promise<ApiKey | null> {
  return db.transaction().execute(async (trx) => {
    const taken = await db311(trx)
      .selectFrom('api_keys')
      .select('name')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (taken) return null;
    const row: ApiKeysTable = {
      key_hash: input.keyHash,
      name: input.name,
      partner_id: input.partnerId,
      created_at: input.now,
      revoked_at: null,
      last_used_at: null,
      created_by: input.createdBy ?? null,
      key_prefix: input.keyPrefix ?? null,
    };
    await db311(trx).insertInto('api_keys').values(row).execute();
    const key = toApiKey(row);
    await withinTransaction?.(trx, key);
    return key;
  });
}

export async function findApiKey(db: Kysely<Database>, keyHash: string): Promise<ApiKey | null> {
  const row = await db311(db)
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function findApiKeyByName(db: Kysely<Database>, name: string): Promise<ApiKey | null> {
  const row = await db311(db)
    .selectFrom('api_keys')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** Every key (the franchisor) or one partner's, newest first. */
export async function listApiKeys(
  db: Kysely<Database>,
  filter: { partnerId?: string } = {},
): Promise<ApiKey[]> {
  let query = db311(db).selectFrom('api_keys').selectAll();
  if (filter.partnerId !== undefined) query = query.where('partner_id', '=', filter.partnerId);
  const rows = await query.orderBy('created_at', 'desc').orderBy('name').execute();
  return rows.map(toApiKey);
}

/** Revokes a key (once); the key as it was and is now, or null when there is none. */
export async function revokeApiKey(
  db: Kysely<Database>,
  name: string,
  now: string,
  withinTransaction?: (trx: Transaction<Database>, before: ApiKey, after: ApiKey) => Promise<void>,
): Promise<{ before: ApiKey; after: ApiKey } | null> {
  return db.transaction().execute(async (trx) => {
    const row = await db311(trx)
      .selectFrom('api_keys')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) return null;
    const before = toApiKey(row);
    if (row.revoked_at) return { before, after: before };
    await db311(trx)
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('name', '=', name)
      .execute();
    const after = { ...before, revokedAt: now };
    await withinTransaction?.(trx, before, after);
    return { before, after };
  });
}

/**
 * Notes a key's use. At most once a minute per key, so a busy integration does not write a
 * row for every read.
 */
export async function touchApiKey(db: Kysely<Database>, name: string, now: string): Promise<void> {
  const aMinuteAgo = new Date(Date.parse(now) - 60_000).toISOString();
  await db311(db)
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', aMinuteAgo)]))
    .execute();
}

/** Opens a case for an integration in one transaction with its extras; null when opened. */
export async function openIntegrationCase(
  db: Kysely<Database>,
  key: ApiKey,
  input: CaseOpenInput,
  now: string,
  extras: { jurisdictionId?: string | null; mediaUrl?: string | null } = {},
): Promise<OpResult | null> {
  return db.transaction().execute(async (trx) => {
    const problem = await openCase(trx, integrationDevice(key), newId(), input, now);
    if (problem) return problem;
    await db311(trx)
      .insertInto('open311_requests')
      .values({
        case_id: input.id,
        key_name: key.name,
        jurisdiction_id: extras.jurisdictionId ?? null,
        media_url: extras.mediaUrl ?? null,
      })
      .execute();
    return null;
  });
}

/** What Open311 added to each of these cases (those posted through it). */
export async function requestExtras(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<Map<string, RequestExtras>> {
  const extras = new Map<string, RequestExtras>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = await db311(db)
      .selectFrom('open311_requests')
      .selectAll()
      .where('case_id', 'in', caseIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      extras.set(row.case_id, {
        keyName: row.key_name,
        jurisdictionId: row.jurisdiction_id,
        mediaUrl: row.media_url,
      });
    }
  }
  return extras;
}

/**
 * The events readers may see as updates, oldest first, received in [from, to]: the back
 * office's public actions (never a staff note, whose text may name people) and the updates
 * integrations posted. `notFromDevice` leaves out the asker's own posts.
 */
export async function listPublicUpdates(
  db: Kysely<Database>,
  query: {
    from: string;
    to: string;
    serviceIds?: readonly string[];
    notFromDevice?: string;
    limit: number;
  },
): Promise<PublicUpdate[]> {
  if (query.serviceIds?.length === 0) return [];
  let q = db311(db)
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('open311_updates as u', 'u.event_id', 'e.id')
    .select([
      'e.id',
      'e.kind',
      'e.step_id',
      'e.note',
      'e.received_at',
      'e.seq',
      'c.reference',
      'c.service_id',
      'u.status',
      'u.media_url',
      'u.event_id as posted',
    ])
    .where('e.received_at', '>=', query.from)
    .where('e.received_at', '<=', query.to)
    .where((eb) =>
      eb.or([
        eb('e.kind', 'in', PUBLIC_KINDS),
        eb.and([eb('e.kind', '=', 'note'), eb('u.event_id', 'is not', null)]),
      ]),
    );
  if (query.serviceIds) q = q.where('c.service_id', 'in', [...query.serviceIds]);
  if (query.notFromDevice) q = q.where('e.device_id', '!=', query.notFromDevice);
  const rows = await q.orderBy('e.received_at').orderBy('e.seq').limit(query.limit).execute();
  return rows.map((r) => ({
    eventId: r.id,
    kind: r.kind,
    stepId: r.step_id,
    reference: r.reference,
    serviceId: r.service_id,
    receivedAt: r.received_at,
    posted: r.posted
      ? { description: r.note ?? '', status: r.status ?? 'open', mediaUrl: r.media_url ?? null }
      : null,
  }));
}

/** The kinds of event a citizen sees happen (as /track shows them), bar opening and routing. */
const PUBLIC_KINDS = [
  'acknowledged',
  'step-completed',
  'step-not-done',
  'escalated',
  'resolved',
  'reopened',
];

export interface PostedUpdate {
  caseId: string;
  externalId: string;
  /** Open311's status as posted, lower case: "open", "closed", "fixed", … */
  status: string;
  description: string;
  mediaUrl: string | null;
  author: string;
  createdAt: string;
}

/**
 * An update posted by an integration becomes a note on the case (seen by the back office, on
 * devices and, as an action, on /track) in one transaction; when it says a resolved case is
 * open again, the case is reopened too. The same update posted again (a retry) answers the
 * event it made the first time.
 */
export async function postUpdate(
  db: Kysely<Database>,
  key: ApiKey,
  update: PostedUpdate,
  now: string,
): Promise<{ eventId: string; repeated: boolean }> {
  return db.transaction().execute(async (trx) => {
    const before = await db311(trx)
      .selectFrom('open311_updates')
      .select('event_id')
      .where('key_name', '=', key.name)
      .where('external_id', '=', update.externalId)
      .executeTakeFirst();
    if (before) return { eventId: before.event_id, repeated: true };
    const found = await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', update.caseId)
      .executeTakeFirstOrThrow();
    const device = integrationDevice(key);
    const scopes = caseScopes(
      found.access_point_id,
      found.owner_partner_id,
      JSON.parse(found.dues) as CaseDue[],
    );
    const insert = async (row: Omit<CaseEventsTable, 'seq'>) => {
      const inserted = await trx
        .insertInto('case_events')
        .values(row)
        .returningAll()
        .executeTakeFirstOrThrow();
      const event = toCaseEvent(inserted as CaseEventsTable & { seq: number });
      await recordChange(trx, {
        scopes,
        entity: 'caseEvent',
        id: row.id,
        data: event,
        origin: null,
        now,
      });
    };
    const base = {
      case_id: found.id,
      step_id: null,
      reason: null,
      author: update.author,
      based_on: null,
      created_at: update.createdAt,
      received_at: now,
      device_id: device.id,
      op_id: null,
    };
    const eventId = newId();
    await insert({ ...base, id: eventId, kind: 'note', note: update.description });
    await db311(trx)
      .insertInto('open311_updates')
      .values({
        event_id: eventId,
        case_id: found.id,
        key_name: key.name,
        external_id: update.externalId,
        status: update.status,
        media_url: update.mediaUrl,
      })
      .execute();
    const events = (await eventsOfCases(trx, [found.id])).get(found.id) ?? [];
    if (caseState(events).status === 'resolved' && OPEN_AGAIN.has(update.status)) {
      await insert({ ...base, id: newId(), kind: 'reopened', note: null });
    }
    return { eventId, repeated: false };
  });
}

/** Statuses by which a reporter says the problem is not fixed after all (FixMyStreet's). */
const OPEN_AGAIN = new Set(['open', 'reopen']);
