import { useLiveQuery } from 'dexie-react-hooks';
import type { LocalContactNote, SyncState } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';

const RECENT = 200;

export type ListedNote = LocalContactNote & { state: SyncState };

/**
 * Notes that still need something first (waiting to send, or refused by the hub), then the
 * most recent ones. The state is derived from the outbox and the attention list, which are
 * the truth about what has been acknowledged.
 */
export function useContactNotes(): ListedNote[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const [pendingIds, rejectedIds] = await Promise.all([
      db.outbox.orderBy('recordId').uniqueKeys(),
      db.attention.orderBy('recordId').uniqueKeys(),
    ]);
    const pending = new Set(pendingIds.map(String));
    const rejected = new Set(rejectedIds.map(String));
    const stateOf = (id: string): SyncState =>
      pending.has(id) ? 'pending' : rejected.has(id) ? 'rejected' : 'synced';
    const unsent = (await db.contactNotes.bulkGet([...pending, ...rejected])).filter(
      (note): note is LocalContactNote => note !== undefined,
    );
    unsent.sort((a, b) => (a.id < b.id ? 1 : -1)); // UUIDv7: creation order on this device.
    const recent = await db.contactNotes
      .orderBy('createdAt')
      .reverse()
      .filter((note) => !pending.has(note.id) && !rejected.has(note.id))
      .limit(RECENT)
      .toArray();
    return [...unsent, ...recent].map((note) => ({ ...note, state: stateOf(note.id) }));
  }, [db]);
}
