// Applying a pulled page can never stall a device: property-tested over random pages with the
// same record twice, records already held, malformed data, clashing unique keys and entities
// this app does not know, for EVERY feed entity, on the real Dexie code (fake-indexeddb).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import {
  FEED_ENTITY_NAMES,
  FEED_ENTITIES,
  type FeedData,
  type FeedEntity,
} from '../../shared/sync/feed.ts';
import {
  AnyDoorDatabase,
  EMPTY_SYNC_SETTINGS,
  getSyncSettings,
  type UnappliedChange,
} from '../db/database.ts';
import type { Change, SyncResponse } from '../../shared/sync/protocol.ts';
import { applyFeedPage, FEED_APPLIERS, feedTables } from './feed-appliers.ts';
import { SyncEngine } from './sync-engine.ts';

const AT = '2026-12-01T10:00:00.000Z';
const PIN = {
  algorithm: 'PBKDF2-SHA256' as const,
  iterations: 210_000,
  salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
  hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
};

/**
 * A valid record of each entity, varying with `v` so that "the last change wins" is visible.
 * Typed over every entity: a new entity in shared/sync/feed.ts does not compile until it has one.
 */
const SAMPLES: { [E in FeedEntity]: (id: string, v: number) => FeedData<E> } = {
  contactNote: (id, v) => ({
    id,
    staffName: 'Priya',
    serviceName: 'Bins',
    channel: 'face-to-face',
    note: `note ${v}`,
    createdAt: AT,
    accessPointId: 'ap',
    deviceId: 'd',
    receivedAt: AT,
  }),
  localPageRevision: (id, v) => ({
    id,
    pageId: id,
    baseRevisionIds: [],
    title: `Page ${v}`,
    body: '<p>Hello</p>',
    author: 'Sam',
    createdAt: AT,
    accessPointId: 'ap',
    deviceId: 'd',
    receivedAt: AT,
  }),
  contact: (id, v) => ({
    id,
    serviceId: 'bins',
    channel: 'face-to-face',
    tier: 1,
    outcome: 'resolved',
    path: [`step-${v}`],
    createdAt: AT,
    accessPointId: 'ap',
    deviceId: 'd',
    mode: 'counter',
    receivedAt: AT,
  }),
  helpEvent: (id, v) => ({
    id,
    kind: 'request',
    requestId: null,
    accessPointId: 'ap',
    deviceId: 'd',
    deviceName: `Kiosk ${v}`,
    createdAt: AT,
    receivedAt: AT,
  }),
  // References come from a pool of two: different cases clash on the unique index.
  case: (id, v) => ({
    id,
    reference: `REF-${v % 2}`,
    type: 'complaint',
    serviceId: 'bins',
    channel: 'face-to-face',
    details: `details ${v}`,
    author: 'Sam',
    openedAt: AT,
    accessPointId: 'ap',
    deviceId: 'd',
    receivedAt: AT,
    ownerPartnerId: 'p',
    ownerTeamId: 't',
    dues: [],
  }),
  caseEvent: (id, v) => ({
    id,
    caseId: id,
    seq: v,
    kind: 'note',
    note: `n ${v}`,
    author: 'Sam',
    basedOn: null,
    createdAt: AT,
    receivedAt: AT,
    deviceId: 'd',
  }),
  casePhoto: (id, v) => ({ id, caseId: id, contentType: 'image/png', size: v + 1 }),
  staff: (id, v) => ({
    id,
    name: `Person ${v}`,
    role: 'counter',
    partnerId: null,
    teamIds: [],
    accessPointIds: ['ap'],
    pin: PIN,
  }),
  trainingCompletion: (id, v) => ({
    id,
    staffId: 'sam',
    moduleId: 'intro',
    score: v % 101,
    completedAt: AT,
  }),
  review: (id, v) => ({
    id,
    targetKind: 'service',
    targetId: 'bins',
    rating: (v % 5) + 1,
    body: `review ${v}`,
    createdAt: AT,
    publishedAt: AT,
  }),
};

/** Ids valid for each entity's schema: staff ids are slugs, the rest UUIDv7. */
const IDS: Record<FeedEntity, string[]> = Object.fromEntries(
  FEED_ENTITY_NAMES.map((e) => [
    e,
    Array.from({ length: 3 }, (_, i) => (e === 'staff' ? `person-${i}` : newId())),
  ]),
) as Record<FeedEntity, string[]>;

const UNKNOWN = 'somethingFromANewerHub';

const changeArb = fc.record({
  entity: fc.constantFrom<string>(...FEED_ENTITY_NAMES, UNKNOWN),
  idIndex: fc.nat(2),
  op: fc.constantFrom<'upsert' | 'delete'>('upsert', 'upsert', 'delete'),
  corrupt: fc.boolean(),
  v: fc.nat(9),
});

function toChange(c: {
  entity: string;
  idIndex: number;
  op: 'upsert' | 'delete';
  corrupt: boolean;
  v: number;
}): Change {
  const entity = c.entity as FeedEntity;
  const id = entity in IDS ? (IDS[entity][c.idIndex] as string) : `x-${c.idIndex}`;
  if (c.op === 'delete') return { entity: c.entity, id, op: 'delete', data: null };
  const sample = entity in SAMPLES ? SAMPLES[entity](id, c.v) : { id };
  return {
    entity: c.entity,
    id,
    op: 'upsert',
    data: c.corrupt ? { ...sample, unexpected: true } : sample,
  };
}

let dbs: AnyDoorDatabase[] = [];
afterEach(async () => {
  for (const db of dbs) await db.delete();
  dbs = [];
});

function freshDb(): AnyDoorDatabase {
  const db = new AnyDoorDatabase(`feed-${newId()}`);
  dbs.push(db);
  return db;
}

async function applyInTransaction(db: AnyDoorDatabase, changes: Change[], cursor: string) {
  await db.transaction('rw', [...feedTables(db), db.settings], async () => {
    await applyFeedPage(db, changes);
    await db.settings.put({ ...(await getSyncSettings(db)), cursor });
  });
}

describe('applying a pulled page', () => {
  it('never aborts, keeps the last change to each record and sets aside only what it cannot apply', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(changeArb, { maxLength: 12 }),
        fc.array(changeArb, { minLength: 1, maxLength: 40 }),
        async (before, page) => {
          const db = freshDb();
          await db.settings.put(EMPTY_SYNC_SETTINGS);
          await applyInTransaction(db, before.map(toChange), 'c0');
          const changes = page.map(toChange);
          await applyInTransaction(db, changes, 'c1');

          // The cursor moved: the transaction committed whatever the page held.
          expect((await getSyncSettings(db)).cursor).toBe('c1');
          const last = new Map<string, Change>();
          for (const change of changes) last.set(`${change.entity}/${change.id}`, change);
          for (const [key, change] of last) {
            const problem: UnappliedChange | undefined = await db.unappliedChanges.get(key);
            if (change.entity === UNKNOWN) {
              expect(problem?.reason).toMatch(/does not know/);
              continue;
            }
            const entity = change.entity as FeedEntity;
            const table = FEED_APPLIERS[entity].tables(db)[0]!;
            const held = (await table.get(change.id)) as Record<string, unknown> | undefined;
            if (change.op === 'delete') {
              if (FEED_APPLIERS[entity].remove) {
                expect(held).toBeUndefined();
                expect(problem).toBeUndefined();
              } else {
                expect(problem?.reason).toMatch(/never deleted/);
              }
              continue;
            }
            const valid = FEED_ENTITIES[entity].schema.safeParse(change.data).success;
            if (!valid) {
              expect(problem?.reason).toMatch(/^malformed/);
              continue;
            }
            // Applied, or set aside with IndexedDB's reason (a clashing case reference): never
            // both, never neither.
            if (problem) {
              expect(problem.reason).toMatch(/ConstraintError/);
            } else if (entity === 'casePhoto') {
              // A photo already held keeps what it had; a new one is remembered as remote.
              expect(held).toMatchObject({ id: change.id });
            } else {
              expect(held).toMatchObject(change.data as object);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the bytes of a photo already held when the feed names it again', async () => {
    const db = freshDb();
    const id = newId();
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    await db.casePhotos.put({
      id,
      caseId: id,
      contentType: 'image/png',
      size: 3,
      upload: 'done',
      blob,
      createdAt: AT,
    });
    const meta = SAMPLES.casePhoto(id, 2);
    await applyInTransaction(
      db,
      [
        { entity: 'casePhoto', id, op: 'upsert', data: meta },
        { entity: 'casePhoto', id, op: 'upsert', data: meta },
      ],
      'c1',
    );
    expect(await db.casePhotos.get(id)).toMatchObject({ upload: 'done', size: 3 });
    expect((await db.casePhotos.get(id))?.blob).toBeDefined();
  });
});

describe('the sync engine with a page it cannot fully apply', () => {
  it('moves its cursor on, drains its outbox and records success', async () => {
    const db = freshDb();
    const deviceId = newId();
    await db.settings.bulkPut([
      {
        key: 'device',
        deviceId,
        token: 't',
        deviceName: 'Counter',
        accessPointId: 'ap',
        accessPointName: 'Library',
        enrolledAt: AT,
      },
      EMPTY_SYNC_SETTINGS,
    ]);
    const photo = SAMPLES.casePhoto(newId(), 1);
    // What the hub sends a device at a door for one photo: its change under each of the
    // device's scopes (the place and the partner), in one page, plus a record it cannot read.
    const changes: Change[] = [
      { entity: 'casePhoto', id: photo.id, op: 'upsert', data: photo },
      { entity: 'casePhoto', id: photo.id, op: 'upsert', data: photo },
      { entity: 'staff', id: 'person-0', op: 'upsert', data: SAMPLES.staff('person-0', 1) },
      { entity: 'case', id: 'nope', op: 'upsert', data: { id: 'nope' } },
    ];
    const respond: typeof fetch = async (_input, init) => {
      const request = JSON.parse(String(init?.body)) as { cursor: string | null };
      const body: SyncResponse = {
        type: 'sync-result',
        protocolVersion: 1,
        results: [],
        changes: request.cursor === null ? changes : [],
        cursor: 'c1',
        hasMore: false,
        serverTime: AT,
        packVersion: 0,
      };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const engine = new SyncEngine({ db, fetch: respond });
    await engine.syncOnce();
    const settings = await getSyncSettings(db);
    expect(settings.cursor).toBe('c1');
    expect(settings.lastError).toBeNull();
    expect(await db.casePhotos.get(photo.id)).toMatchObject({ upload: 'remote' });
    expect(await db.staff.get('person-0')).toBeDefined();
    expect((await db.unappliedChanges.toArray()).map((u) => u.key)).toEqual(['case/nope']);
  });
});
