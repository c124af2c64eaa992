// The search index over the device's pack, for the pack version in use (kept in memory between
// screens; stored in IndexedDB between starts, see service-index-loader.ts). Nothing waits for
// it: the finder paints and takes typing at once, and shows results once the index is ready.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ServiceIndex } from '../../../shared/search/service-search.ts';
import { getPackSettings, type AnyDoorDatabase } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { openServiceIndex } from './service-index-loader.ts';

let cached: { version: number; index: Promise<ServiceIndex> } | null = null;

/** Set once per page load when the finder's index is first ready (bench and tests read it). */
export const SEARCH_READY_MARK = 'anydoor:search-ready';

async function indexFor(db: AnyDoorDatabase, version: number): Promise<ServiceIndex> {
  if (cached?.version !== version) {
    const opening = openServiceIndex(db, version).then(({ index, source }) => {
      if (performance.getEntriesByName(SEARCH_READY_MARK).length === 0) {
        performance.mark(SEARCH_READY_MARK, { detail: { source } });
      }
      return index;
    });
    // A failure is not cached: the next render tries again.
    opening.catch(() => {
      if (cached?.index === opening) cached = null;
    });
    cached = { version, index: opening };
  }
  return cached.index;
}

export function useServiceIndex(): ServiceIndex | undefined {
  const db = useDb();
  return useLiveQuery(async () => indexFor(db, (await getPackSettings(db)).version), [db]);
}
