// The voice-of-the-customer loop in Chromium: a volunteer's tablet, offline, captures a
// complaint for a district-council service; back online it lands in that council's queue with
// its due times; the officer acknowledges it; the citizen's phone shows the progress.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/enrolment-codes.ts';
import { SqliteStorage } from '../../src/server/storage/sqlite.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('cases in Chromium', () => {
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

  async function device(place: string, mode: 'Counter' | 'Tablet') {
    const storage = SqliteStorage.open(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, place);
    await storage.close();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(`${mode} at ${place}`);
    await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await page.getByTestId('finder-search').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Pack' }).click();
    await page.getByText(/holds pack version 1/).waitFor({ timeout: 30_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    return { context, page };
  }

  async function syncNow(page: Page) {
    await page.getByRole('button', { name: 'Sync now' }).click();
    try {
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count') ===
          '0',
      );
    } catch (error) {
      const status = await page.getByTestId('sync-status').textContent();
      throw new Error(`sync did not finish: ${status}`, { cause: error });
    }
  }

  it('captures offline, routes to the council queue with due times, and the citizen tracks it', async () => {
    const tablet = await device('mobile-library-2', 'Tablet');
    const officer = await device('civic-centre', 'Counter');

    await tablet.context.setOffline(true);
    await tablet.page.goto(`${server.url}/cases/new`);
    await tablet.page.getByRole('radio', { name: 'Complaint' }).check();
    await tablet.page.getByLabel('Service').selectOption('missed-bin-collection');
    await tablet.page
      .getByLabel('What happened')
      .fill('Bin missed three weeks running at the Brook End flats.');
    await tablet.page.getByLabel('Postcode').fill('NM8 2LP');
    await tablet.page.getByLabel('Phone').fill('07700 900123');
    expect(await axeViolations(tablet.page)).toEqual([]);
    await tablet.page.getByRole('button', { name: 'Save and give the reference' }).click();
    await tablet.page.getByRole('alert').filter({ hasText: 'agreement' }).waitFor();
    await tablet.page.getByLabel(/The citizen agrees/).check();
    await tablet.page.getByRole('button', { name: 'Save and give the reference' }).click();
    const reference = (await tablet.page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z*]$/);
    expect(await axeViolations(tablet.page)).toEqual([]);

    await tablet.context.setOffline(false);
    await syncNow(tablet.page);

    await syncNow(officer.page);
    await officer.page.goto(`${server.url}/queue`);
    const row = officer.page.getByTestId('queue').locator('li', { hasText: reference });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('On track').waitFor();
    expect(await axeViolations(officer.page)).toEqual([]);
    await row.getByRole('link').click();
    await officer.page.getByTestId('case-dues').locator('li').first().waitFor();
    expect(await officer.page.getByTestId('case-dues').locator('li').count()).toBeGreaterThan(1);
    await officer.page.getByText('07700 900123').waitFor();
    expect(await axeViolations(officer.page)).toEqual([]);
    await officer.page.getByRole('button', { name: 'Acknowledge' }).click();
    await syncNow(officer.page);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const citizen = await phone.newPage();
    await citizen.goto(`${server.url}/track/${reference.toLowerCase()}`);
    await citizen.getByText('Status: Being dealt with').waitFor();
    await citizen.getByText('The team has picked it up').waitFor();
    expect(await citizen.content()).not.toContain('07700');
    expect(await axeViolations(citizen)).toEqual([]);
    await phone.close();
    await tablet.context.close();
    await officer.context.close();
  });
});
