// The franchise pack at the door: a device that enrols pulls the whole pack, works through it
// with no connection, and picks up just what the franchisor changes next.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPackCommand } from '../../src/server/features/pack/pack-cli.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('franchise pack in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const cli = (...argv: string[]) =>
    runPackCommand(argv, {
      out: () => undefined,
      err: (line) => console.error(line),
      openStorage: async () => openSqliteStorage(join(server.dataDir, 'anydoor.sqlite')),
    });

  async function go(page: Page, link: string, heading: string | RegExp) {
    await navTo(page, link);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  it('browses every service, map, script and place offline, then takes in one change', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(server.codes.get('Eastbury Library') ?? '');
    await page.getByLabel('Name for this device').fill('Enquiry desk');
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, 'tom-evans');
    await page.getByRole('heading', { name: 'Find a service', level: 1 }).waitFor();
    await go(page, 'Pack', 'Franchise pack');
    await page.getByText(/holds pack version 1/).waitFor({ timeout: 30_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await go(page, 'Services', 'Services');
    await page.getByText(/All 9[78]\d services in the franchise pack/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Search services').fill('bulky');
    await page.getByRole('link', { name: /bulky/i }).first().click();
    await page.getByRole('heading', { name: /bulky/i, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Our promise' }).waitFor();
    await page.getByTestId('process-map').getByText('Staff:').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await go(page, 'Places', 'Access points');
    await page.getByRole('link', { name: 'Mobile Library Van 1' }).click();
    await page.getByRole('heading', { name: 'Route and times' }).waitFor();
    await page.getByText(/Monday: Ashby, The Green, 10:00–11:30/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Back at base: the franchisor renames one service and publishes.
    const file = join(mkdtempSync(join(tmpdir(), 'anydoor-pack-')), 'pack.json');
    expect(await cli('export', '--out', file)).toBe(0);
    const pack = JSON.parse(readFileSync(file, 'utf8')) as {
      services: { id: string; name: { en: string } }[];
    };
    const library =
      pack.services.find((s) => s.id === 'lgsl-438') ??
      pack.services.find((s) => /librar/i.test(s.name.en));
    if (!library) throw new Error('no library service in the demo pack');
    library.name.en = 'Join the library (free)';
    writeFileSync(file, JSON.stringify(pack));
    expect(await cli('publish', file, '--note', 'Clearer library name')).toBe(0);

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await go(page, 'Pack', 'Franchise pack');
    await page.getByText(/holds pack version 2/).waitFor({ timeout: 30_000 });
    await page.getByText('0 added, 1 changed, 0 removed', { exact: true }).waitFor();
    await page.getByText('Clearer library name').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/services/${library.id}`);
    await page.getByRole('heading', { name: 'Join the library (free)', level: 1 }).waitFor();
    await context.close();
  });
});
