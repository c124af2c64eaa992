// The page side of `browserPush`, bundled by browser-push-benchmark.ts and run in Chromium on
// the hub's origin: the app's own modules over the browser's real IndexedDB. Enrols a new
// device database, catches up with the feed (untimed), then writes `records` contact notes
// one at a time through createContactNote (each its own transaction, as a person saving a note
// does) and syncs until the outbox is empty: the hub has acknowledged every note.
import { AnyDoorDatabase, getDevice } from '../src/client/db/database.ts';
import { createContactNote } from '../src/client/db/writes.ts';
import { enrolDevice } from '../src/client/features/enrolment/enrol-device.ts';
import { SyncEngine } from '../src/client/sync/sync-engine.ts';
import { makeNotes } from './note-data.ts';

export interface BrowserPushRun {
  /** Writing the notes through the app's write path, ms. */
  writeMs: number;
  /** From the first sync to the outbox being empty, ms. */
  pushMs: number;
  /** HTTP requests the push made. */
  requests: number;
  deviceId: string;
}

declare global {
  interface Window {
    benchBrowserPush?: (code: string, records: number, run: number) => Promise<BrowserPushRun>;
  }
}

window.benchBrowserPush = async (code, records, run) => {
  const db = new AnyDoorDatabase(`anydoor-bench-push-${run}`);
  await db.open();
  try {
    const enrolled = await enrolDevice(db, { code, deviceName: `Bench browser ${run}` }, '');
    if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.message ?? 'network'}`);
    const engine = new SyncEngine({ db });
    // Catch up first (the pack and the feed), untimed.
    for (let i = 0; i < 20 && (await engine.syncOnce()).received > 0; i++);
    const notes = makeNotes(records);
    const writeStart = performance.now();
    for (const note of notes) {
      // The app makes the id and the time; the rest is what a person types or picks.
      const { staffName, serviceName, channel } = note;
      await createContactNote(db, { staffName, serviceName, channel, note: note.note });
    }
    const pushStart = performance.now();
    let requests = 0;
    for (let i = 0; i < 100 && (await db.outbox.count()) > 0; i++) {
      requests += (await engine.syncOnce()).requests;
    }
    const pushEnd = performance.now();
    if ((await db.outbox.count()) > 0) throw new Error('the outbox did not empty');
    return {
      writeMs: pushStart - writeStart,
      pushMs: pushEnd - pushStart,
      requests,
      deviceId: (await getDevice(db))?.deviceId ?? '',
    };
  } finally {
    db.close();
    await db.delete();
  }
};
