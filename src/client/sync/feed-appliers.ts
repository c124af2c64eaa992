// How this device applies each entity of the change feed (declared in shared/sync/feed.ts).
// A pulled page is applied so that it can never stall the device: the same record twice in a
// page keeps the last change, a record already held is replaced (photos keep their bytes), and
// a change that cannot be applied — malformed, of an entity this app does not know yet, or
// refused by IndexedDB — is kept for a person with the reason while the cursor moves on.
import type { Table } from 'dexie';
import type { CasePhotoMeta } from '../../shared/case-photo.ts';
import {
  FEED_ENTITIES,
  isFeedEntity,
  type FeedData,
  type FeedEntity,
} from '../../shared/sync/feed.ts';
import { describeIssues, type Change } from '../../shared/sync/protocol.ts';
import { getStaffSession, type AnyDoorDatabase, type UnappliedChange } from '../db/database.ts';

interface FeedApplier<E extends FeedEntity> {
  /** Every table the applier writes, so the caller's transaction covers them. */
  tables: (db: AnyDoorDatabase) => Table[];
  /** Puts the records (validated, one per id). Throws when IndexedDB refuses. */
  put: (db: AnyDoorDatabase, records: FeedData<E>[]) => Promise<void>;
  /** Removes records by id; null where the hub never deletes this entity. */
  remove: ((db: AnyDoorDatabase, ids: string[]) => Promise<void>) | null;
}

/** Puts into a table keyed by the record's id. */
function plain<E extends FeedEntity>(
  table: (db: AnyDoorDatabase) => Table,
  deletable: boolean,
): FeedApplier<E> {
  return {
    tables: (db) => [table(db)],
    put: async (db, records) => {
      await table(db).bulkPut(records);
    },
    remove: deletable
      ? async (db, ids) => {
          await table(db).bulkDelete(ids);
        }
      : null,
  };
}

export const FEED_APPLIERS: { readonly [E in FeedEntity]: FeedApplier<E> } = {
  contactNote: plain((db) => db.contactNotes, true),
  localPageRevision: plain((db) => db.pageRevisions, false),
  contact: plain((db) => db.contacts, false),
  helpEvent: plain((db) => db.helpEvents, false),
  // The hub's copies replace the device's provisional ones (routing, due times, sequence).
  case: plain((db) => db.cases, false),
  caseEvent: plain((db) => db.caseEvents, false),
  casePhoto: {
    tables: (db) => [db.casePhotos],
    // Another device's photo: remember it; a photo already held keeps its bytes and state.
    put: async (db, metas: CasePhotoMeta[]) => {
      const held = await db.casePhotos.bulkGet(metas.map((m) => m.id));
      const fresh = metas.filter((_, i) => !held[i]);
      await db.casePhotos.bulkPut(
        fresh.map((meta) => ({ ...meta, upload: 'remote' as const, createdAt: '' })),
      );
    },
    remove: null,
  },
  staff: {
    tables: (db) => [db.staff, db.settings],
    put: async (db, members) => {
      await db.staff.bulkPut(members);
    },
    // A person moved away or revoked: this place's devices forget them (and their PIN), and a
    // session of theirs ends here at this sync: the device locks.
    remove: async (db, ids) => {
      await db.staff.bulkDelete(ids);
      const session = await getStaffSession(db);
      if (session && ids.includes(session.staffId)) await db.settings.delete('staffSession');
    },
  },
  trainingCompletion: plain((db) => db.trainingCompletions, false),
  // Published reviews; a withdrawn one leaves every device.
  review: plain((db) => db.reviews, true),
};

/** Every table applying a page may write. */
export function feedTables(db: AnyDoorDatabase): Table[] {
  const tables = new Set<Table>([db.unappliedChanges]);
  for (const applier of Object.values(FEED_APPLIERS) as FeedApplier<FeedEntity>[]) {
    for (const table of applier.tables(db)) tables.add(table);
  }
  return [...tables];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Applies a page of changes inside the caller's transaction (which must cover feedTables).
 * Never throws for what a change contains: what cannot be applied is kept in unappliedChanges.
 */
export async function applyFeedPage(
  db: AnyDoorDatabase,
  changes: readonly Change[],
  now = new Date(),
): Promise<{ applied: number; unapplied: number }> {
  const at = now.toISOString();
  const problems: UnappliedChange[] = [];
  const keep = (change: Change, reason: string) =>
    problems.push({
      key: `${change.entity}/${change.id}`,
      entity: change.entity,
      id: change.id,
      op: change.op,
      data: change.data,
      reason,
      at,
    });
  // The last change to a record in the page is its state: one change per record, in order.
  const latest = new Map<FeedEntity, Map<string, Change>>();
  for (const change of changes) {
    if (!isFeedEntity(change.entity)) {
      keep(change, `this app does not know "${change.entity}" records yet: update it`);
      continue;
    }
    let byId = latest.get(change.entity);
    if (!byId) latest.set(change.entity, (byId = new Map()));
    byId.delete(change.id);
    byId.set(change.id, change);
  }
  let applied = 0;
  const settled: string[] = [];
  for (const [entity, byId] of latest) {
    const applier = FEED_APPLIERS[entity] as FeedApplier<FeedEntity>;
    const upserts: { change: Change; record: FeedData<FeedEntity> }[] = [];
    const deletes: Change[] = [];
    for (const change of byId.values()) {
      if (change.op === 'delete') {
        if (applier.remove) deletes.push(change);
        else keep(change, `"${entity}" records are never deleted by the hub`);
        continue;
      }
      const parsed = FEED_ENTITIES[entity].schema.safeParse(change.data);
      if (parsed.success) upserts.push({ change, record: parsed.data });
      else keep(change, `malformed: ${describeIssues(parsed.error).join('; ')}`);
    }
    applied += await applyEach(
      upserts,
      (batch) =>
        applier.put(
          db,
          batch.map((u) => u.record),
        ),
      (u, error) => keep(u.change, messageOf(error)),
    );
    if (applier.remove) {
      const remove = applier.remove;
      applied += await applyEach(
        deletes,
        (batch) =>
          remove(
            db,
            batch.map((d) => d.id),
          ),
        (d, error) => keep(d, messageOf(error)),
      );
    }
    for (const change of byId.values()) settled.push(`${entity}/${change.id}`);
  }
  // A record applied now no longer needs a person's attention for an older problem.
  const failed = new Set(problems.map((p) => p.key));
  const cleared = settled.filter((key) => !failed.has(key));
  // (Usually there are none: one count saves a delete per record on every page.)
  if (cleared.length > 0 && (await db.unappliedChanges.count()) > 0) {
    await db.unappliedChanges.bulkDelete(cleared);
  }
  if (problems.length > 0) await db.unappliedChanges.bulkPut(problems);
  return { applied, unapplied: problems.length };
}

/**
 * Applies a batch in one call; if IndexedDB refuses it, item by item so that only the items it
 * refuses are set aside. A request error caught inside a Dexie transaction does not abort it.
 */
async function applyEach<T>(
  items: T[],
  apply: (batch: T[]) => Promise<void>,
  fail: (item: T, error: unknown) => void,
): Promise<number> {
  if (items.length === 0) return 0;
  try {
    await apply(items);
    return items.length;
  } catch {
    let done = 0;
    for (const item of items) {
      try {
        await apply([item]);
        done++;
      } catch (error) {
        fail(item, error);
      }
    }
    return done;
  }
}
