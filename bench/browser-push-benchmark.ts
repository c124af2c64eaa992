// browserPush: the device side of a push measured on the engine a person runs. In Debian's
// Chromium (real IndexedDB), the app's own modules (bench/browser-push-page.ts, bundled here
// by Vite) write `records` contact notes through createContactNote and sync until the hub has
// acknowledged every one. The hub is the in-process one the other sync figures use (SQLite
// file, demo data); the page is served on the hub's origin, so the sync is same-origin as in
// the app. After each run the hub must hold exactly `records` notes from that device.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { issueEnrolmentCode } from '../src/server/features/devices/enrolment-codes.ts';
import { ACCESS_POINT_ID, startHub } from './anydoor-harness.ts';
import type { BrowserPushRun } from './browser-push-page.ts';

const ENTRY = fileURLToPath(new URL('./browser-push-page.ts', import.meta.url));

/** The page's script: the app's modules bundled for the browser, as the app's build would. */
async function bundlePage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'anydoor-bench-page-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: true,
        minify: true,
        target: 'es2023',
        lib: { entry: ENTRY, formats: ['es'], fileName: () => 'page.js' },
      },
    });
    return readFileSync(join(outDir, 'page.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function runBrowserPushBenchmark(
  records: number,
  runs: number,
): Promise<BrowserPushRun[]> {
  const script = await bundlePage();
  const hub = await startHub();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    // Served on the hub's origin under a path the hub does not use.
    await context.route(`${hub.baseUrl}/__bench/**`, (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ contentType: 'text/javascript', body: script })
        : route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><title>bench</title><script type="module" src="page.js"></script>',
          }),
    );
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/__bench/index.html`);
    await page.waitForFunction(() => typeof window.benchBrowserPush === 'function');
    const samples: BrowserPushRun[] = [];
    // One untimed warm-up run (the browser's and the hub's first use), then `runs` timed.
    for (let run = 0; run <= runs; run++) {
      const code = await issueEnrolmentCode(hub.storage, ACCESS_POINT_ID);
      const result = await page.evaluate(
        ([c, n, r]) => {
          if (!window.benchBrowserPush) throw new Error('the bench page did not load');
          return window.benchBrowserPush(c, n, r);
        },
        [code, run === 0 ? Math.min(records, 100) : records, run] as const,
      );
      const held = (await hub.storage.contacts.listContactNotes()).filter(
        (note) => note.deviceId === result.deviceId,
      ).length;
      const expected = run === 0 ? Math.min(records, 100) : records;
      if (held !== expected) {
        throw new Error(`the hub holds ${held} notes from the device, expected ${expected}`);
      }
      if (run > 0) samples.push(result);
    }
    await context.close();
    return samples;
  } finally {
    await browser.close();
    await hub.close();
  }
}
