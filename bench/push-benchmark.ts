// push10k: our client pushing a full outbox to our hub, against PouchDB replicating the same
// documents to express-pouchdb. The engines alternate, each run on fresh servers and databases.
import type { ContactNoteInput } from '../src/shared/contact-note.ts';
import { enrolClient, fillOutbox, newEngine, startHub } from './anydoor-harness.ts';
import { preparePeerRun } from './pouch-peer.ts';
import { collectGarbage, timed } from './stats.ts';

export interface PushSamples {
  ours: number[];
  peer: number[];
}

/** One timed push of `notes` by our engine; verifies that every note arrived exactly once. */
export async function timeOurPush(notes: readonly ContactNoteInput[]): Promise<number> {
  const hub = await startHub();
  try {
    const client = await enrolClient(hub);
    try {
      const engine = newEngine(client, hub);
      // Catch up with the feed first (the demo notes), so the timed sync is a pure push.
      await engine.syncOnce();
      const before = (await hub.storage.contacts.listContactNotes()).length;
      await fillOutbox(client, notes);
      const queued = await client.db.outbox.count();
      if (queued !== notes.length) throw new Error(`outbox holds ${queued}, not ${notes.length}`);

      collectGarbage();
      const { ms, value: outcome } = await timed(() => engine.syncOnce());

      if (outcome.sent !== notes.length || outcome.rejected !== 0) {
        throw new Error(`sync sent ${outcome.sent} and rejected ${outcome.rejected}`);
      }
      const left = await client.db.outbox.count();
      if (left !== 0) throw new Error(`${left} entries left in the outbox`);
      const attention = await client.db.attention.count();
      if (attention !== 0) throw new Error(`${attention} ops need attention on the client`);
      const stored = await hub.storage.contacts.listContactNotes();
      const ours = stored.filter((note) => note.deviceId === client.deviceId).length;
      if (ours !== notes.length || stored.length !== before + notes.length) {
        throw new Error(
          `hub holds ${ours} notes from the device (${stored.length} in all, ${before} before); ` +
            `expected ${notes.length}`,
        );
      }
      return ms;
    } finally {
      await client.close();
    }
  } finally {
    await hub.close();
  }
}

/** One timed PouchDB replication of `notes`; verifies the remote doc_count. */
export async function timePeerPush(notes: readonly ContactNoteInput[]): Promise<number> {
  const run = await preparePeerRun(notes);
  try {
    collectGarbage();
    const { ms, value: result } = await timed(() => run.replicate());
    if (!result.ok || result.docs_written !== notes.length || result.doc_write_failures !== 0) {
      throw new Error(
        `replication wrote ${result.docs_written} docs with ${result.doc_write_failures} failures`,
      );
    }
    const count = await run.remoteDocCount();
    if (count !== notes.length) throw new Error(`peer holds ${count} docs, not ${notes.length}`);
    return ms;
  } finally {
    await run.close();
  }
}

/** Alternates ours, peer, ours, peer, … `runs` times each, after an untimed warm-up. */
export async function runPushBenchmark(
  notes: readonly ContactNoteInput[],
  runs: number,
  warmupRecords: number,
  log: (line: string) => void,
): Promise<PushSamples> {
  if (warmupRecords > 0) {
    const warmup = notes.slice(0, warmupRecords);
    log(`  warm-up with ${warmup.length} records (untimed)`);
    await timeOurPush(warmup);
    await timePeerPush(warmup);
  }
  const samples: PushSamples = { ours: [], peer: [] };
  for (let run = 1; run <= runs; run++) {
    const ours = await timeOurPush(notes);
    samples.ours.push(ours);
    log(`  run ${run}/${runs}  ours ${ours.toFixed(0).padStart(7)} ms`);
    const peer = await timePeerPush(notes);
    samples.peer.push(peer);
    log(`  run ${run}/${runs}  peer ${peer.toFixed(0).padStart(7)} ms`);
  }
  return samples;
}
