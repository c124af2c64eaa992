// Devices for the counter and kiosk everyday-use suites (issue 17) and their screenshots: a
// device enrolled at a place in a mode through its screens, the pack and the service worker
// waited for, its person (if any) signed in; screenshots at 1280 and 375 px when SHOTS_DIR is set.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { servicesHeld, signIn } from './browser.ts';
import type { ServerProcess } from './server-process.ts';

export type Mode = 'Counter' | 'Kiosk' | 'Tablet';

export async function enrolDoor(
  server: ServerProcess,
  browser: Browser,
  place: string,
  mode: Mode,
  person?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
  const code = await issueEnrolmentCode(storage, place);
  await storage.close();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Enrolment code').fill(code);
  await page.getByLabel('Name for this device').fill(`${mode} at ${place}`);
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await page.getByRole('button', { name: 'Enrol device' }).click();
  const deadline = Date.now() + 90_000;
  while ((await servicesHeld(page)) < 900) {
    if (Date.now() > deadline) throw new Error('the pack did not arrive');
    await page.waitForTimeout(250);
  }
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 90_000,
  });
  if (person) await signIn(page, person);
  return { context, page };
}

/** Screenshots for people to look at, when SHOTS_DIR is set: `<name>-1280.png`, `-375.png`. */
export async function shootBoth(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
  }
  // A phone's first screen, at a size a person can read.
  await page.screenshot({ path: join(dir, `${name}-375-top.png`) });
  await page.setViewportSize(size);
}
