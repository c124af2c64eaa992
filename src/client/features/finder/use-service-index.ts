// The search index over the device's pack, built on the device and rebuilt when the pack
// version changes (kept in memory between screens).
import { useLiveQuery } from 'dexie-react-hooks';
import { buildServiceIndex, type ServiceIndex } from '../../../shared/search/service-search.ts';
import { getPackSettings, type AnyDoorDatabase } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';

let cached: { version: number; index: Promise<ServiceIndex> } | null = null;

async function indexFor(db: AnyDoorDatabase, version: number): Promise<ServiceIndex> {
  if (cached?.version !== version) {
    const build = async () => {
      const [services, lifeEvents, topics] = await Promise.all([
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
