// coldStart: an enrolled counter device, offline, opening the app from the service-worker
// cache to the first interactive screen (the finder's search box, ready to type into).
// Measured in the page: from navigation start to the mark the finder sets when it mounts.
import { join } from 'node:path';
import { issueEnrolmentCode } from '../src/server/features/devices/enrolment-codes.ts';
import { SqliteStorage } from '../src/server/platform/store/sqlite.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';

export async function runColdStartBenchmark(runs: number): Promise<number[]> {
  const server = await startServerProcess();
  const browser = await launchBrowser();
  try {
    const storage = SqliteStorage.open(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, 'central-library');
    await storage.close();
    const context = await browser.newContext();
    const setup = await context.newPage();
    await setup.goto(server.url);
    await setup.getByLabel('Enrolment code').fill(code);
    await setup.getByLabel('Name for this device').fill('Bench desk');
    await setup.getByRole('button', { name: 'Enrol device' }).click();
    await setup.getByTestId('finder-search').waitFor();
    await setup.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Let the first sync bring the pack in, then work offline from here on.
    for (let i = 0; i < 60; i++) {
      const held = await setup.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const open = indexedDB.open('anydoor');
          open.onsuccess = () => resolve(open.result);
        });
        const count = await new Promise<number>((resolve) => {
          const req = db.transaction('services').objectStore('services').count();
          req.onsuccess = () => resolve(req.result);
        });
        db.close();
        return count;
      });
      if (held > 900) break;
      await setup.waitForTimeout(250);
    }
    await setup.reload();
    await setup.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await setup.close();
    await context.setOffline(true);

    const samples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('finder-search').waitFor();
      const ms = await page.evaluate(
        () => performance.getEntriesByName('anydoor:first-screen')[0]?.startTime ?? Number.NaN,
      );
      await page.close();
      if (Number.isNaN(ms)) throw new Error('the finder set no first-screen mark');
      if (run > 0) samples.push(ms); // The first opening warms the browser's caches.
    }
    await context.close();
    return samples;
  } finally {
    await browser.close();
    await server.stop();
  }
}
