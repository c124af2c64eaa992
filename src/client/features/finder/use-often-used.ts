import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/use-db.ts';

const WINDOW_DAYS = 30;

/** Services recently and most often used at this access point (last 30 days of contacts). */
export function useOftenUsed(
  accessPointId: string,
): { recent: string[]; frequent: string[] } | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const since = new Date(Date.now() - WINDOW_DAYS * 86_400_000).toISOString();
    const contacts = await db.contacts
      .where('accessPointId')
      .equals(accessPointId)
      .filter((c) => c.createdAt >= since)
      .toArray();
    contacts.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    const recent = [...new Set(contacts.map((c) => c.serviceId))].slice(0, 5);
    const counts = new Map<string, number>();
    for (const c of contacts) counts.set(c.serviceId, (counts.get(c.serviceId) ?? 0) + 1);
    const frequent = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([id]) => id);
    return { recent, frequent };
  }, [db, accessPointId]);
}
