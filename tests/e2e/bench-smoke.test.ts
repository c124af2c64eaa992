// Every benchmark, run end to end on tiny inputs (a handful of records, one run each), so a
// benchmark a feature breaks fails `npm test` instead of leaving a stale figure in
// bench/results.json. The figures themselves are written to a throw-away file and not judged:
// speed is measured by `npm run bench`, not asserted in tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const FIGURES = [
  'push10k',
  'noop',
  'packPull',
  'browserPush',
  'search',
  'coldStart',
  'bundle',
  'lighthouse',
  'load',
  'dashboard',
];

describe('every benchmark still runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each figure on tiny inputs', async () => {
    const results = join(dir, 'results.json');
    await promisify(execFile)(process.execPath, ['bench/run-benchmarks.ts', FIGURES.join(',')], {
      env: {
        ...process.env,
        BENCH_RESULTS: results,
        BENCH_RECORDS: '40',
        BENCH_WARMUP_RECORDS: '0',
        BENCH_RUNS: '1',
        BENCH_NOOP_RUNS: '2',
        BENCH_COLD_RUNS: '1',
        BENCH_BROWSER_RECORDS: '20',
        BENCH_LIGHTHOUSE_RUNS: '1',
        BENCH_LOAD_DEVICES: '4',
        BENCH_LOAD_RATE: '40',
        BENCH_LOAD_SECONDS: '1',
        BENCH_LOAD_WARMUP: '1',
        BENCH_LOAD_STEPS: '2',
        BENCH_DASHBOARD_CONTACTS: '400',
        BENCH_DASHBOARD_CASES: '80',
        BENCH_DASHBOARD_RUNS: '1',
      },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const written = JSON.parse(readFileSync(results, 'utf8')) as Record<string, { date?: string }>;
    for (const figure of FIGURES) {
      expect(written[figure], figure).toBeDefined();
    }
  }, 660_000);
});
