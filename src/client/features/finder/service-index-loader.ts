// Opens the finder's index for a pack version: loaded from IndexedDB when this device stored
// one for that version, otherwise built from the pack (in chunks, so the screen stays
// responsive) and then stored for the next start, when the device is idle.
import type { ServiceIndex } from '../../../shared/search/service-search.ts';
import type { AnyDoorDatabase } from '../../db/database.ts';
import { readSearchIndex, writeSearchIndex } from '../../db/search-index.ts';

export interface OpenedServiceIndex {
  index: ServiceIndex;
  source: 'stored' | 'built';
  /** Settles once a built index is stored (true) or was not (false: stale, or storage full). */
  stored: Promise<boolean>;
}

/** Runs work when the page has nothing better to do (after the person's first searches). */
export type Scheduler = (work: () => void) => void;

const whenIdle: Scheduler = (work) => {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(work, { timeout: 5000 });
  else setTimeout(work, 1000);
};

export async function openServiceIndex(
  db: AnyDoorDatabase,
  packVersion: number,
  schedule: Scheduler = whenIdle,
): Promise<OpenedServiceIndex> {
  // The search engine is loaded with the index, never with the first screen.
  const search = await import('../../../shared/search/service-search.ts');
  const json = await readSearchIndex(db, packVersion, search.SERVICE_INDEX_FORMAT).catch(
    () => undefined,
  );
  if (json !== undefined) {
    try {
      const index = await search.serviceIndexFromJson(json);
      return { index, source: 'stored', stored: Promise.resolve(true) };
    } catch {
      // Unreadable (cut short by a full disk, say): build it again below, and overwrite it.
    }
  }
  const [services, lifeEvents, topics] = await Promise.all([
    db.services.toArray(),
    db.lifeEvents.toArray(),
    db.topics.toArray(),
  ]);
  const labels = new Map([...lifeEvents, ...topics].map((x) => [x.id, x.name]));
  const index = await search.buildServiceIndexAsync(services, labels);
  const stored = new Promise<boolean>((resolve) => {
    schedule(() => {
      const row = { packVersion, format: search.SERVICE_INDEX_FORMAT, json: index.toJson() };
      writeSearchIndex(db, row).then(resolve, () => resolve(false));
    });
  });
  return { index, source: 'built', stored };
}
