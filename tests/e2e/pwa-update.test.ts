// A new version of the app is offered, not forced: the waiting service worker shows "a new
// version is ready", and Reload switches to it. Runs on a copy of the build that it changes.
import { appendFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('app updates', () => {
  let server: ServerProcess;
  let browser: Browser;
  const build = mkdtempSync(join(tmpdir(), 'anydoor-build-'));

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    cpSync('dist', build, { recursive: true });
    server = await startServerProcess({ STATIC_DIR: build });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers a new version and reloads into it when asked', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    // Deploy "a new version": any change to the service worker script makes one.
    appendFileSync(join(build, 'sw.js'), `\n// release ${Date.now()}\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByText('A new version of AnyDoor is ready.');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);

    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      firstWorker,
    );
    expect(await prompt.count()).toBe(0);
    await context.close();
  });
});
