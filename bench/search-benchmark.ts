// search: finder latency over the whole demo pack (981 services, six languages), per query,
// over a fixed list of 200 realistic queries. Runs the same index code as the device, in Node.
import { buildDemoPack } from '../src/server/features/pack/build-demo-pack.ts';
import { validatePack } from '../src/shared/pack/validate-pack.ts';
import { buildServiceIndex } from '../src/shared/search/service-search.ts';
import { median } from './stats.ts';
import { SEARCH_QUERIES } from './search-queries.ts';

export interface SearchSamples {
  perQuery: number[];
  buildMs: number;
  queries: number;
  services: number;
  withResults: number;
}

export function runSearchBenchmark(repeats: number): SearchSamples {
  const checked = validatePack(buildDemoPack());
  if (!checked.ok) throw new Error('the demo pack is invalid');
  const { pack } = checked;
  const labels = new Map([...pack.lifeEvents, ...pack.topics].map((x) => [x.id, x.name]));
  const started = performance.now();
  const index = buildServiceIndex(pack.services, labels);
  const buildMs = performance.now() - started;
  // Warm up the JIT before timing, as a device would be after its first few searches.
  for (const q of SEARCH_QUERIES) index.search(q);
  const perQuery: number[] = [];
  let withResults = 0;
  for (const query of SEARCH_QUERIES) {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      const hits = index.search(query, { limit: 12 });
      times.push(performance.now() - t);
      if (r === 0 && hits.length > 0) withResults++;
    }
    perQuery.push(median(times));
  }
  return {
    perQuery,
    buildMs,
    queries: SEARCH_QUERIES.length,
    services: pack.services.length,
    withResults,
  };
}
