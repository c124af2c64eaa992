// packPull: the first download of the whole demo franchise pack into an empty device, ours
// (PackSync: paged delta → staging → one switch-over transaction, over fake-indexeddb) against
// PouchDB replicating the same records from express-pouchdb into an empty memory database.
import { getDevice } from '../src/client/db/database.ts';
import { PackSync } from '../src/client/sync/pack-sync.ts';
import { PACK_KINDS, type PackContent } from '../src/shared/pack/schema.ts';
import { enrolClient, startHub } from './anydoor-harness.ts';
import { preparePeerPull } from './pouch-peer.ts';
import { collectGarbage, timed } from './stats.ts';

export interface PackPullSamples {
  ours: number[];
  peer: number[];
  records: number;
}

function recordCount(pack: PackContent): number {
  return PACK_KINDS.reduce((n, kind) => n + pack[kind].length, 0);
}

async function oursOnce(pack: PackContent): Promise<number> {
  // The harness hub seeds the demo data, which publishes the demo pack as version 1.
  const hub = await startHub();
  try {
    const client = await enrolClient(hub);
    try {
      const device = await getDevice(client.db);
      if (!device) throw new Error('not enrolled');
      const latest = await hub.storage.core.latestPackVersion();
      const sync = new PackSync({ db: client.db, baseUrl: hub.baseUrl, fetch });
      collectGarbage();
      const { ms, value } = await timed(() => sync.catchUp(device, latest));
      if (
        value.records !== recordCount(pack) ||
        (await client.db.services.count()) !== pack.services.length
      ) {
        throw new Error(`device pulled ${value.records} records, expected ${recordCount(pack)}`);
      }
      return ms;
    } finally {
      await client.close();
    }
  } finally {
    await hub.close();
  }
}

async function peerOnce(pack: PackContent): Promise<number> {
  const docs = PACK_KINDS.flatMap((kind) =>
    pack[kind].map((record) => ({ _id: `${kind}/${record.id}`, kind, data: record })),
  );
  const run = await preparePeerPull(docs);
  try {
    collectGarbage();
    const { ms } = await timed(() => run.replicate());
    if ((await run.localDocCount()) !== docs.length) throw new Error('peer pulled too few docs');
    return ms;
  } finally {
    await run.close();
  }
}

export async function runPackPullBenchmark(
  pack: PackContent,
  runs: number,
  log: (line: string) => void,
): Promise<PackPullSamples> {
  const samples: PackPullSamples = { ours: [], peer: [], records: recordCount(pack) };
  await oursOnce(pack); // warm-up, untimed
  await peerOnce(pack);
  for (let i = 1; i <= runs; i++) {
    const ours = await oursOnce(pack);
    samples.ours.push(ours);
    log(`  run ${i}/${runs}  ours  ${ours.toFixed(0).padStart(6)} ms`);
    const peer = await peerOnce(pack);
    samples.peer.push(peer);
    log(`  run ${i}/${runs}  peer  ${peer.toFixed(0).padStart(6)} ms`);
  }
  return samples;
}
