// noop: a sync with nothing to push and nothing to pull, by a device that is caught up.
import { countingFetch, enrolClient, newEngine, startHub } from './anydoor-harness.ts';
import { timed } from './stats.ts';

export interface NoopSamples {
  ms: number[];
  /** HTTP requests per no-op sync, counted by wrapping fetch. */
  fetched: number[];
  /** Requests per no-op sync as the engine reports them. */
  reported: number[];
}

export async function runNoopBenchmark(runs: number, warmup: number): Promise<NoopSamples> {
  const hub = await startHub();
  try {
    const client = await enrolClient(hub);
    try {
      const counter = countingFetch();
      const engine = newEngine(client, hub, counter.fetch);
      const catchUp = await engine.syncOnce();
      if (catchUp.received === 0) throw new Error('catch-up sync pulled none of the demo notes');
      for (let i = 0; i < warmup; i++) await engine.syncOnce();

      const samples: NoopSamples = { ms: [], fetched: [], reported: [] };
      for (let i = 0; i < runs; i++) {
        counter.reset();
        const { ms, value: outcome } = await timed(() => engine.syncOnce());
        if (outcome.sent !== 0 || outcome.received !== 0 || outcome.rejected !== 0) {
          throw new Error(`no-op sync moved data: ${JSON.stringify(outcome)}`);
        }
        samples.ms.push(ms);
        samples.fetched.push(counter.count());
        samples.reported.push(outcome.requests);
      }
      return samples;
    } finally {
      await client.close();
    }
  } finally {
    await hub.close();
  }
}
