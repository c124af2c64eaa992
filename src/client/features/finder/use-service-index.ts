// The search index over the device's pack, built on the device and rebuilt when the pack
// version changes (kept in memory between screens). The search engine (MiniSearch) is loaded
// with the index, not with the first screen: a counter opens on its lock and a kiosk on its
// attract screen, and neither needs it to paint.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ServiceIndex } from '../../../shared/search/service-search.ts';
import { getPackSettings, type AnyDoorDatabase } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';

let cached: { version: number; index: Promise<ServiceIndex> } | null = null;

async function indexFor(db: AnyDoorDatabase, version: number): Promise<ServiceIndex> {
  if (cached?.version !== version) {
    const build = async () => {
      const [{ buildServiceIndex }, services, lifeEvents, topics] = await Promise.all([
        import('../../../shared/search/service-search.ts'),
        db.services.toArray(),
        db.lifeEvents.toArray(),
        db.topics.toArray(),
      ]);
      const labels = new Map([...lifeEvents, ...topics].map((x) => [x.id, x.name]));
      return buildServiceIndex(services, labels);
    };
    cached = { version, index: build() };
  }
  return cached.index;
}

export function useServiceIndex(): ServiceIndex | undefined {
  const db = useDb();
  return useLiveQuery(async () => indexFor(db, (await getPackSettings(db)).version), [db]);
}
