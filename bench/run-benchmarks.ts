// `npm run bench`: measures the sync figures and merges them into bench/results.json.
// See bench/README.md for what each figure means and how the peer is set up.
// fake-indexeddb must load before Dexie, so it is the first import.
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeNotes, meanRecordBytes } from './note-data.ts';
import { runNoopBenchmark } from './noop-benchmark.ts';
import { firstLoadJs } from './bundle-size.ts';
import { runColdStartBenchmark } from './cold-start-benchmark.ts';
import { runLighthouseBenchmark } from './lighthouse-benchmark.ts';
import { runBrowserPushBenchmark } from './browser-push-benchmark.ts';
import { runPackPullBenchmark } from './pack-pull-benchmark.ts';
import { runSearchBenchmark } from './search-benchmark.ts';
import { runPushBenchmark } from './push-benchmark.ts';
import { runLoadBenchmark, type LoadStore } from './load-benchmark.ts';
import { runDashboardBenchmark, type DashboardStore } from './dashboard-benchmark.ts';
import { buildDemoPack } from '../src/server/features/pack/build-demo-pack.ts';
import { validatePack } from '../src/shared/pack/validate-pack.ts';
import { mergeResults, type Results } from './results-file.ts';
import { envInt, median, quantile, round } from './stats.ts';

const DEFAULT_RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const PUSH_RECORDS = 10_000;

const runs = envInt('BENCH_RUNS', 5);
const noopRuns = envInt('BENCH_NOOP_RUNS', 50);
const records = envInt('BENCH_RECORDS', PUSH_RECORDS);
const warmupRecords = Math.min(envInt('BENCH_WARMUP_RECORDS', 1000, 0), records);
// Figures to run: named on the command line (`node bench/run-benchmarks.ts load`), else
// BENCH_ONLY, else all of them.
const only = new Set(
  (
    process.argv.slice(2).join(',') ||
    process.env.BENCH_ONLY ||
    'push10k,noop,packPull,browserPush,search,coldStart,bundle,lighthouse,load,dashboard'
  )
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);
const resultsFile = process.env.BENCH_RESULTS || DEFAULT_RESULTS;
if (records !== PUSH_RECORDS && resultsFile === DEFAULT_RESULTS && only.has('push10k')) {
  throw new Error(
    `BENCH_RECORDS=${records} is for trials: set BENCH_RESULTS to write somewhere else`,
  );
}

const log = (line: string): void => console.log(line);
const figures: Results = {};
const rows: [string, string, string][] = [];

if (only.has('push10k')) {
  const notes = makeNotes(records);
  log(
    `push10k: ${records} notes of ~${Math.round(meanRecordBytes(notes))} bytes of JSON, ` +
      `${runs} runs per engine, alternating`,
  );
  const samples = await runPushBenchmark(notes, runs, warmupRecords, log);
  const ours = median(samples.ours);
  const peer = median(samples.peer);
  figures.push10k = {
    median: round(ours, 1),
    peer: round(peer, 1),
    ratio: round(peer / ours, 1),
    p50: round(quantile(samples.ours, 0.5), 1),
    p95: round(quantile(samples.ours, 0.95), 1),
    runs,
    records,
    date: new Date().toISOString(),
  };
  rows.push(
    [
      'push10k ours median',
      `${ours.toFixed(0)} ms`,
      `p95 ${quantile(samples.ours, 0.95).toFixed(0)} ms`,
    ],
    [
      'push10k peer median',
      `${peer.toFixed(0)} ms`,
      `p95 ${quantile(samples.peer, 0.95).toFixed(0)} ms`,
    ],
    [
      'push10k ratio peer/ours',
      `${(peer / ours).toFixed(1)}x`,
      peer > ours ? 'ours faster' : 'peer faster',
    ],
  );
}

if (only.has('packPull')) {
  const checked = validatePack(buildDemoPack());
  if (!checked.ok) throw new Error('the demo pack is invalid');
  log(`packPull: first pull of the whole demo pack, ${runs} runs per engine, alternating`);
  const samples = await runPackPullBenchmark(checked.pack, runs, log);
  const ours = median(samples.ours);
  const peer = median(samples.peer);
  figures.packPull = {
    median: round(ours, 1),
    peer: round(peer, 1),
    ratio: round(peer / ours, 1),
    p50: round(quantile(samples.ours, 0.5), 1),
    p95: round(quantile(samples.ours, 0.95), 1),
    runs,
    records: samples.records,
    date: new Date().toISOString(),
  };
  rows.push(
    ['packPull ours median', `${ours.toFixed(0)} ms`, `${samples.records} records`],
    ['packPull peer median', `${peer.toFixed(0)} ms`, ''],
    [
      'packPull ratio peer/ours',
      `${(peer / ours).toFixed(1)}x`,
      peer > ours ? 'ours faster' : 'peer faster',
    ],
  );
}

if (only.has('browserPush')) {
  const browserRecords = envInt('BENCH_BROWSER_RECORDS', 1000);
  const browserRuns = envInt('BENCH_BROWSER_RUNS', runs);
  log(
    `browserPush: ${browserRecords} notes written through the app's write path in Chromium ` +
      `and pushed until acknowledged, ${browserRuns} runs`,
  );
  const samples = await runBrowserPushBenchmark(browserRecords, browserRuns);
  const push = samples.map((s) => s.pushMs);
  const write = samples.map((s) => s.writeMs);
  const total = samples.map((s) => s.writeMs + s.pushMs);
  figures.browserPush = {
    median: round(median(push), 1),
    p95: round(quantile(push, 0.95), 1),
    write: round(median(write), 1),
    writeP95: round(quantile(write, 0.95), 1),
    total: round(median(total), 1),
    requests: Math.max(...samples.map((s) => s.requests)),
    runs: browserRuns,
    records: browserRecords,
    date: new Date().toISOString(),
  };
  rows.push(
    [
      'browserPush push median',
      `${median(push).toFixed(0)} ms`,
      `p95 ${quantile(push, 0.95).toFixed(0)} ms, ${browserRecords} records`,
    ],
    [
      'browserPush writes median',
      `${median(write).toFixed(0)} ms`,
      `${(median(write) / browserRecords).toFixed(2)} ms per note`,
    ],
  );
}

if (only.has('search')) {
  log('search: 200 queries over the whole demo pack, median of 20 repeats each');
  const samples = runSearchBenchmark(20);
  figures.search = {
    p50: round(quantile(samples.perQuery, 0.5), 3),
    p95: round(quantile(samples.perQuery, 0.95), 3),
    max: round(Math.max(...samples.perQuery), 3),
    indexBuild: round(samples.buildMs, 1),
    queries: samples.queries,
    services: samples.services,
    withResults: samples.withResults,
    runs: 20,
    date: new Date().toISOString(),
  };
  rows.push(
    [
      'search p50 / p95',
      `${quantile(samples.perQuery, 0.5).toFixed(3)} ms`,
      `${quantile(samples.perQuery, 0.95).toFixed(3)} ms`,
    ],
    [
      'search index build',
      `${samples.buildMs.toFixed(0)} ms`,
      `${samples.withResults}/${samples.queries} queries find something`,
    ],
  );
}

if (only.has('bundle')) {
  if (!existsSync('dist/index.html'))
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'ignore' });
  const bundle = firstLoadJs();
  figures.bundle = {
    kbGzip: bundle.kbGzip,
    kbRaw: bundle.kbRaw,
    files: bundle.files.length,
    date: new Date().toISOString(),
  };
  rows.push(['bundle first-load JS', `${bundle.kbGzip} KB gzip`, `${bundle.files.length} files`]);
}

if (only.has('coldStart')) {
  if (!existsSync('dist/index.html'))
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'ignore' });
  const coldRuns = envInt('BENCH_COLD_RUNS', 10);
  log(
    `coldStart: ${coldRuns} offline openings per screen from the service-worker cache ` +
      'in Chromium (counter lock, kiosk attract, finder after unlock)',
  );
  const samples = await runColdStartBenchmark(coldRuns);
  const screen = (values: number[]) => ({
    p50: round(quantile(values, 0.5), 1),
    p95: round(quantile(values, 0.95), 1),
  });
  // The headline is the slowest screen: each mode must meet the target, not their average.
  const all = [samples.lock, samples.attract, samples.finder];
  const worst = all.reduce((a, b) => (quantile(b, 0.95) > quantile(a, 0.95) ? b : a));
  figures.coldStart = {
    median: round(median(worst), 1),
    p50: round(quantile(worst, 0.5), 1),
    p95: round(quantile(worst, 0.95), 1),
    lock: screen(samples.lock),
    attract: screen(samples.attract),
    finder: screen(samples.finder),
    runs: coldRuns,
    date: new Date().toISOString(),
  };
  for (const [name, values] of Object.entries(samples)) {
    rows.push([
      `coldStart ${name} p50`,
      `${quantile(values, 0.5).toFixed(0)} ms`,
      `p95 ${quantile(values, 0.95).toFixed(0)} ms`,
    ]);
  }
}

if (only.has('lighthouse')) {
  if (!existsSync('dist/index.html'))
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'ignore' });
  const lighthouseRuns = envInt('BENCH_LIGHTHOUSE_RUNS', 3);
  log(`lighthouse: mobile performance of / on a fresh server, ${lighthouseRuns} runs`);
  const samples = await runLighthouseBenchmark(lighthouseRuns);
  // The run with the median score, whole: its paints and work belong together.
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!mid) throw new Error('no Lighthouse run');
  figures.lighthouse = {
    performance: mid.score,
    scores: samples.map((s) => s.score),
    fcp: round(mid.fcp, 0),
    lcp: round(mid.lcp, 0),
    speedIndex: round(mid.speedIndex, 0),
    tbt: round(mid.tbt, 0),
    cls: round(mid.cls, 3),
    mainThread: round(mid.mainThread, 0),
    kbJs: round(mid.jsBytes / 1024, 1),
    runs: lighthouseRuns,
    version: mid.version,
    date: new Date().toISOString(),
  };
  rows.push(
    [
      'lighthouse performance',
      mid.score.toFixed(2),
      `${mid.score >= 0.9 ? 'target 0.9: met' : 'target 0.9: MISSED'}; runs ${samples.map((s) => s.score).join(', ')}`,
    ],
    [
      'lighthouse first / largest paint',
      `${(mid.fcp / 1000).toFixed(1)} s`,
      `${(mid.lcp / 1000).toFixed(1)} s; main thread ${(mid.mainThread / 1000).toFixed(1)} s`,
    ],
  );
}

if (only.has('noop')) {
  log(`noop: ${noopRuns} no-op syncs after catching up (5 untimed first)`);
  const samples = await runNoopBenchmark(noopRuns, 5);
  const requests = Math.max(...samples.fetched);
  const disagree = samples.fetched.some((n, i) => n !== samples.reported[i]);
  if (disagree) {
    log(
      `  WARNING: the engine's request count (${samples.reported.join(',')}) disagrees with ` +
        `fetch's (${samples.fetched.join(',')}); recording fetch's`,
    );
  }
  figures.noop = {
    median: round(median(samples.ms), 2),
    p95: round(quantile(samples.ms, 0.95), 2),
    requests,
    runs: noopRuns,
    date: new Date().toISOString(),
  };
  rows.push(
    [
      'noop median',
      `${median(samples.ms).toFixed(2)} ms`,
      `p95 ${quantile(samples.ms, 0.95).toFixed(2)} ms`,
    ],
    [
      'noop requests per sync',
      String(requests),
      requests === 1 ? 'target 1: met' : 'target 1: MISSED',
    ],
  );
}

if (only.has('load')) {
  // Configurations: `sqlite` (one process: SQLite has one writer), `postgres` (one process)
  // and `postgresN` (N processes on one database), each its own key under `load`.
  const configs = (process.env.BENCH_LOAD_STORES ?? 'sqlite,postgres,postgres2')
    .split(',')
    .map((name) => name.trim())
    .flatMap((name) => {
      const match = /^(sqlite|postgres)(\d*)$/.exec(name);
      if (!match) throw new Error(`BENCH_LOAD_STORES: unknown configuration "${name}"`);
      const store = match[1] as LoadStore;
      const servers = store === 'sqlite' ? 1 : Number(match[2] || 1);
      return [{ name, store, servers }];
    });
  const options = {
    devices: envInt('BENCH_LOAD_DEVICES', 200),
    devicesPerDoor: envInt('BENCH_LOAD_PER_DOOR', 4),
    batch: envInt('BENCH_LOAD_BATCH', 10),
    seconds: envInt('BENCH_LOAD_SECONDS', 8),
    warmupSeconds: envInt('BENCH_LOAD_WARMUP', 2, 0),
    servers: 1,
    pgAdminUrl: process.env.PG_TEST_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  };
  const ramp = {
    startRate: envInt('BENCH_LOAD_RATE', 1000),
    factor: envInt('BENCH_LOAD_FACTOR_PERCENT', 125, 101) / 100,
    maxSteps: envInt('BENCH_LOAD_STEPS', 24),
    p99LimitMs: envInt('BENCH_LOAD_P99_MS', 100),
  };
  log(
    `load: ${options.devices} devices, ${options.devicesPerDoor} per access point, pushing and ` +
      `pulling contacts and notes against real server processes; the offered rate rises until ` +
      `p99 > ${ramp.p99LimitMs} ms or a request fails`,
  );
  // A run of one store keeps the other stores' figures from the results file.
  const previous = existsSync(resultsFile)
    ? ((JSON.parse(readFileSync(resultsFile, 'utf8')) as Results).load as Results | undefined)
    : undefined;
  const load: Results = { ...previous };
  for (const config of configs) {
    let result;
    try {
      result = await runLoadBenchmark(
        config.store,
        { ...options, servers: config.servers },
        ramp,
        log,
      );
    } catch (error) {
      // No PostgreSQL here: say so and keep the other figures (and the last postgres one).
      if (config.store !== 'postgres' || (error as { code?: string }).code !== 'ECONNREFUSED') {
        throw error;
      }
      log(
        `  ${config.name}: skipped, nothing listens at ` +
          options.pgAdminUrl.replace(/:[^:@/]*@/, ':…@'),
      );
      continue;
    }
    const at = result.atCapacity;
    load[config.name] = {
      capacity: result.capacity,
      capped: result.capped,
      p50: at?.p50 ?? null,
      p99: at?.p99 ?? null,
      max: at?.max ?? null,
      eventsPerSec: at?.eventsPerSec ?? 0,
      pulledPerSec: at?.pulledPerSec ?? 0,
      serverCpuMsPerRequest: at?.serverCpuMsPerRequest ?? null,
      cpuWaitSeconds: at?.cpuWaitSeconds ?? null,
      loadAverage: at?.loadAverage ?? null,
      lost: result.lost,
      skipped: result.skipped,
      duplicated: result.duplicated,
      errors: result.errors,
      records: result.records,
      servers: result.servers,
      devices: options.devices,
      devicesPerDoor: options.devicesPerDoor,
      batch: options.batch,
      seconds: options.seconds,
      p99LimitMs: ramp.p99LimitMs,
      // Every window of the ramp: [offered/s, acknowledged/s, p50 ms, p99 ms, errors].
      steps: result.steps.map((s) => [s.rate, s.eventsPerSec, s.p50, s.p99, s.errors]),
    };
    const correct = result.lost + result.skipped + result.duplicated === 0;
    rows.push(
      [
        `load ${config.name} capacity`,
        `${result.capacity}${result.capped ? '+' : ''} events/s`,
        `p50 ${at?.p50 ?? '-'} ms, p99 ${at?.p99 ?? '-'} ms, ${result.servers} process(es)`,
      ],
      [
        `load ${config.name} lost/skipped/dup`,
        `${result.lost}/${result.skipped}/${result.duplicated}`,
        correct ? 'none: met' : 'MISSED',
      ],
    );
  }
  // The figures from before capacity was measured (one offered rate, no `capacity`) go.
  for (const [key, value] of Object.entries(load)) {
    if (typeof value === 'object' && value !== null && !('capacity' in value)) delete load[key];
  }
  load.date = new Date().toISOString();
  figures.load = load;
}

if (only.has('dashboard')) {
  const stores = (process.env.BENCH_DASHBOARD_STORES ?? 'sqlite,postgres')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is DashboardStore => name === 'sqlite' || name === 'postgres');
  const options = {
    contacts: envInt('BENCH_DASHBOARD_CONTACTS', 1_000_000),
    cases: envInt('BENCH_DASHBOARD_CASES', 200_000),
    runs: envInt('BENCH_DASHBOARD_RUNS', 7),
    pgAdminUrl: process.env.PG_TEST_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  };
  if (options.contacts !== 1_000_000 && resultsFile === DEFAULT_RESULTS) {
    throw new Error('BENCH_DASHBOARD_CONTACTS is for trials: set BENCH_RESULTS to write elsewhere');
  }
  log(
    `dashboard: the franchisor's dashboard over ${options.contacts} contacts and ` +
      `${options.cases} cases, ${options.runs} loads per store`,
  );
  const previous = existsSync(resultsFile)
    ? ((JSON.parse(readFileSync(resultsFile, 'utf8')) as Results).dashboard as Results | undefined)
    : undefined;
  const dashboard: Results = { ...previous };
  for (const store of stores) {
    let figure;
    try {
      figure = await runDashboardBenchmark(store, options, log);
    } catch (error) {
      if (store !== 'postgres' || (error as { code?: string }).code !== 'ECONNREFUSED') throw error;
      log(
        `  postgres: skipped, nothing listens at ${options.pgAdminUrl.replace(/:[^:@/]*@/, ':…@')}`,
      );
      continue;
    }
    dashboard[store] = figure;
    rows.push([
      `dashboard ${store} median`,
      `${figure.median} ms`,
      `p95 ${figure.p95} ms; ${figure.median <= 200 ? 'target 200 ms: met' : 'target 200 ms: MISSED'}`,
    ]);
  }
  dashboard.contacts = options.contacts;
  dashboard.cases = options.cases;
  dashboard.date = new Date().toISOString();
  figures.dashboard = dashboard;
}

mergeResults(resultsFile, figures);

const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
log('');
for (const row of rows) {
  log(
    row
      .map((cell, col) =>
        col === 1 ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}
log(`\nWrote ${Object.keys(figures).join(', ') || 'nothing'} to ${resultsFile}`);
