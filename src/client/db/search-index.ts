// The finder's search index, kept between starts: building it from 981 services in six
// languages takes about a third of a second of main-thread work, loading it far less. Only
// one is kept, for the pack version in use; one for any other version (or written by other
// index code) is never loaded, so a pack change or an app update rebuilds it.
import { getPackSettings, type AnyDoorDatabase, type StoredSearchIndex } from './database.ts';

/** The stored index for this pack version and index format, if there is one. */
export async function readSearchIndex(
  db: AnyDoorDatabase,
  packVersion: number,
  format: number,
): Promise<string | undefined> {
  const row = await db.searchIndex.get(packVersion);
  return row?.format === format ? row.json : undefined;
}

/**
 * Keeps this index, and only this one (an older pack's index is of no further use) — unless the
 * device has moved to another pack version while it was built: then it is already stale.
 * @returns whether it was kept.
 */
export async function writeSearchIndex(
  db: AnyDoorDatabase,
  index: Omit<StoredSearchIndex, 'builtAt'>,
): Promise<boolean> {
  return db.transaction('rw', [db.searchIndex, db.settings], async () => {
    if ((await getPackSettings(db)).version !== index.packVersion) return false;
    await db.searchIndex.clear();
    await db.searchIndex.put({ ...index, builtAt: new Date().toISOString() });
    return true;
  });
}
