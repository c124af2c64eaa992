// Local information pages, kept as revisions (a wiki that works offline): `localPage.save` adds
// a revision on the revisions its author saw, so two offline edits are both kept and a page's
// heads are a pure function of its revisions (src/shared/local-page.ts). A page belongs to the
// access point that created it: only its devices edit it; every device reads it.
import type { Kysely, Transaction } from 'kysely';
import type { LocalPageRevision } from '../../../shared/local-page.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import { GLOBAL_SCOPE, recordChange } from '../../platform/store/change-feed.ts';
import type { Device } from '../../platform/store/device.ts';
import {
  conflict,
  refusal,
  type OpHandler,
  type OpHandlers,
} from '../../platform/store/op-handler.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';

type PageOp = Extract<ValidOp, { kind: 'localPage.save' }>;

export type LocalPageStore = ReturnType<typeof createLocalPageStore>;

export const createLocalPageStore = (db: Kysely<Database>) => queriesOn(db, { listPageRevisions });

/** Every revision of one local information page, in the order the hub received them. */
async function listPageRevisions(
  db: Kysely<Database>,
  pageId: string,
): Promise<LocalPageRevision[]> {
  const rows = await db
    .selectFrom('local_page_revisions')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map(toPageRevision);
}

/**
 * Page revisions, one at a time in the order sent (a revision may build on one sent just
 * before it).
 */
const applyLocalPages: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  for (const op of ops) {
    if (op.kind !== 'localPage.save') continue;
    const problem = await checkPageRevision(trx, device, op);
    if (problem) {
      refused.push(op.id);
      results.set(op.id, problem);
      continue;
    }
    const row = {
      id: op.payload.id,
      page_id: op.payload.pageId,
      access_point_id: device.accessPointId,
      device_id: device.id,
      op_id: op.id,
      base_revision_ids: JSON.stringify(op.payload.baseRevisionIds),
      title: op.payload.title,
      body: op.payload.body,
      author: op.payload.author,
      created_at: op.payload.createdAt,
      received_at: now,
    };
    await trx.insertInto('local_page_revisions').values(row).execute();
    // Local information is public and useful at every door, so every device gets it.
    await recordChange(trx, {
      scopes: [GLOBAL_SCOPE],
      entity: 'localPageRevision',
      id: row.id,
      data: toPageRevision(row),
      origin: device.id,
      now,
    });
  }
  return refused;
};

async function checkPageRevision(
  trx: Transaction<Database>,
  device: Device,
  op: PageOp,
): Promise<OpResult | null> {
  const { id, pageId, baseRevisionIds } = op.payload;
  const existing = await trx
    .selectFrom('local_page_revisions')
    .select(['id', 'access_point_id'])
    .where('page_id', '=', pageId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  if (
    await trx
      .selectFrom('local_page_revisions')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()
  ) {
    return conflict(op.id, id);
  }
  const owner = existing[0]?.access_point_id;
  if (owner && owner !== device.accessPointId) {
    return refusal(
      op.id,
      'forbidden',
      'only devices at the access point that owns this page can edit it',
    );
  }
  const known = new Set(existing.map((r) => r.id));
  const unknown = baseRevisionIds.filter((base) => !known.has(base));
  if (unknown.length > 0) {
    return refusal(
      op.id,
      'invalid-payload',
      `base revision ${unknown.join(', ')} is not a revision of this page`,
    );
  }
  return null;
}

function toPageRevision(row: Database['local_page_revisions']): LocalPageRevision {
  return {
    id: row.id,
    pageId: row.page_id,
    baseRevisionIds: JSON.parse(row.base_revision_ids) as string[],
    title: row.title,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    receivedAt: row.received_at,
  };
}

export const LOCAL_PAGE_HANDLERS = {
  'localPage.save': applyLocalPages,
} satisfies Partial<OpHandlers>;
