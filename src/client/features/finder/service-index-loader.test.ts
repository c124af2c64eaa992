import { describe, expect, it } from 'vitest';
import type { Service } from '../../../shared/pack/schema.ts';
import { buildServiceIndex, SERVICE_INDEX_FORMAT } from '../../../shared/search/service-search.ts';
import { AnyDoorDatabase } from '../../db/database.ts';
import { openServiceIndex, type Scheduler } from './service-index-loader.ts';

const now: Scheduler = (work) => work();

// Only the fields the index reads; the rest of a service does not matter to it.
const service = (id: string, en: string, cy: string, keywords: string[], lifeEvents: string[]) =>
  ({
    id,
    name: { en, cy },
    keywords: { en: keywords },
    lifeEvents,
    topics: [],
    description: { en: `${en}: apply, change or cancel.` },
  }) as unknown as Service;

const SERVICES = [
  service(
    'missed-bin',
    'Report a missed bin collection',
    'Rhoi gwybod am fin heb ei gasglu',
    ['rubbish', 'waste'],
    [],
  ),
  service(
    'blue-badge',
    'Apply for a Blue Badge',
    'Gwneud cais am Fathodyn Glas',
    ['disabled parking'],
    [],
  ),
  service(
    'council-tax',
    'Pay your council tax',
    'Talu eich treth gyngor',
    ['bill'],
    ['moving-home'],
  ),
  service('register-death', 'Register a death', 'Cofrestru marwolaeth', [], ['bereavement']),
  ...Array.from({ length: 60 }, (_, i) =>
    service(`filler-${i}`, `Library service ${i}`, `Gwasanaeth llyfrgell ${i}`, [`book${i}`], []),
  ),
];
const LABELS = [
  { id: 'bereavement', name: { en: 'When someone dies', cy: 'Pan fydd rhywun yn marw' } },
  { id: 'moving-home', name: { en: 'Moving home', cy: 'Symud tŷ' } },
];
const QUERIES = [
  'missed bin',
  'bins',
  'blue badg',
  'someone dies',
  'moving',
  'treth',
  'librray',
  'book12',
  'zzz',
];

async function packDb(version: number) {
  const db = new AnyDoorDatabase(`test-${crypto.randomUUID()}`);
  await db.services.bulkPut(SERVICES);
  await db.lifeEvents.bulkPut(LABELS as never);
  await db.settings.put({ key: 'pack', version, publishedAt: null, history: [] });
  return db;
}

describe('the finder index kept in IndexedDB', () => {
  it('is built once, then loaded, and answers exactly as a fresh build does', async () => {
    const db = await packDb(7);
    const first = await openServiceIndex(db, 7, now);
    expect(first.source).toBe('built');
    expect(await first.stored).toBe(true);
    expect(await db.searchIndex.get(7)).toMatchObject({ format: SERVICE_INDEX_FORMAT });

    const second = await openServiceIndex(db, 7, now);
    expect(second.source).toBe('stored');
    const fresh = buildServiceIndex(SERVICES, new Map(LABELS.map((l) => [l.id, l.name])));
    expect(second.index.size).toBe(fresh.size);
    for (const query of QUERIES) {
      // Same services in the same order; scores equal but for the last bit of a float.
      const rounded = (hits: { id: string; score: number }[]) =>
        hits.map((h) => ({ id: h.id, score: h.score.toPrecision(12) }));
      expect(rounded(second.index.search(query)), query).toEqual(rounded(fresh.search(query)));
    }
    expect(second.index.search('bins')[0]?.id).toBe('missed-bin');
    expect(second.index.search('someone dies')[0]?.id).toBe('register-death');
  });

  it('is rebuilt for a new pack version, and the old version’s index is dropped', async () => {
    const db = await packDb(7);
    await (
      await openServiceIndex(db, 7, now)
    ).stored;

    await db.transaction('rw', [db.services, db.settings], async () => {
      await db.services.put(
        service(
          'bulky-waste',
          'Book a bulky waste collection',
          'Casglu gwastraff swmpus',
          ['sofa'],
          [],
        ),
      );
      await db.settings.put({ key: 'pack', version: 8, publishedAt: null, history: [] });
    });
    const next = await openServiceIndex(db, 8, now);
    expect(next.source).toBe('built');
    expect(next.index.search('sofa')[0]?.id).toBe('bulky-waste');
    expect(await next.stored).toBe(true);
    expect((await db.searchIndex.toArray()).map((row) => row.packVersion)).toEqual([8]);

    const again = await openServiceIndex(db, 8, now);
    expect(again.source).toBe('stored');
    expect(again.index.search('sofa')[0]?.id).toBe('bulky-waste');
  });

  it('rebuilds an index written by other index code, and never stores a stale one', async () => {
    const db = await packDb(7);
    await db.searchIndex.put({ packVersion: 7, format: -1, json: '{}', builtAt: '' });
    const opened = await openServiceIndex(db, 7, now);
    expect(opened.source).toBe('built');
    expect(await opened.stored).toBe(true);

    // The device moved on to version 8 while version 7's index was being built.
    await db.settings.put({ key: 'pack', version: 8, publishedAt: null, history: [] });
    await db.searchIndex.clear();
    expect(await (await openServiceIndex(db, 7, now)).stored).toBe(false);
    expect(await db.searchIndex.count()).toBe(0);
  });
});
