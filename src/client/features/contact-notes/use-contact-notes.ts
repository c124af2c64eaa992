import { useLiveQuery } from 'dexie-react-hooks';
import type { LocalContactNote } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';

const RECENT = 200;

/** Unsent notes first (newest first), then the most recent the hub has received. */
export function useContactNotes(): LocalContactNote[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const unsent = await db.contactNotes.where('state').anyOf('pending', 'rejected').toArray();
    unsent.sort((a, b) => (a.id < b.id ? 1 : -1)); // UUIDv7: creation order on this device.
    const received = await db.contactNotes
      .orderBy('receivedAt')
      .reverse()
      .filter((note) => note.state === 'synced')
      .limit(RECENT)
      .toArray();
    return [...unsent, ...received];
  }, [db]);
}
