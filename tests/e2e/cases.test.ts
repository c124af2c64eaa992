// The voice-of-the-customer loop in Chromium: a volunteer's tablet, offline, captures a
// complaint for a district-council service; back online it lands in that council's queue with
// its due times; the officer acknowledges it; the citizen's phone shows the progress. A guided
// flow that hands over to capture is one contact with the citizen, not two.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

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
    const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, place);
    await storage.close();
    // The tablet's GPS: a fixed point near the flats in the complaint.
    const context = await browser.newContext({
      geolocation: { latitude: 52.2405, longitude: -0.9027 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(`${mode} at ${place}`);
    await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, place === 'civic-centre' ? 'alun-davies' : 'sam-lee');
    await page.getByTestId('finder-search').waitFor();
    await navTo(page, 'Pack');
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
    await tablet.page.getByLabel('Postcode', { exact: true }).fill('NM8 2LP');
    await tablet.page.getByLabel('Phone').fill('07700 900123');
    // The citizen would rather be written to in Welsh (when the case is resolved).
    await tablet.page.getByLabel('Language to write to them in').selectOption('cy');
    await tablet.page.getByRole('button', { name: 'Use where I am' }).click();
    await tablet.page.getByTestId('case-point').getByText('52.2405, -0.9027').waitFor();
    // Past the limit: a clear message, and the photo is not held.
    const photoInput = tablet.page.getByTestId('photo-input');
    await photoInput.setInputFiles({
      name: 'huge.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(6 * 1024 * 1024)]),
    });
    await tablet.page
      .getByTestId('photo-problem')
      .getByText(/“huge\.jpg” is 6 MB/)
      .waitFor();
    await photoInput.setInputFiles({ name: 'bins.png', mimeType: 'image/png', buffer: PNG });
    await tablet.page.getByRole('img', { name: 'Photo 1' }).waitFor();
    expect(await tablet.page.getByRole('img', { name: 'Photo 2' }).count()).toBe(0);
    expect(await axeViolations(tablet.page)).toEqual([]);
    await tablet.page.getByRole('button', { name: 'Save and give the reference' }).click();
    await tablet.page.getByRole('alert').filter({ hasText: 'agreement' }).waitFor();
    await tablet.page.getByLabel(/The citizen agrees/).check();
    await tablet.page.getByRole('button', { name: 'Save and give the reference' }).click();
    const reference = (await tablet.page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z*]$/);
    expect(await axeViolations(tablet.page)).toEqual([]);

    await tablet.page.getByRole('link', { name: 'Open the case' }).click();
    await tablet.page.getByTestId('case-photos').getByText('Waiting to send').waitFor();

    await tablet.context.setOffline(false);
    await syncNow(tablet.page);
    await tablet.page.getByTestId('case-photos').getByText('Sent').waitFor({ timeout: 30_000 });

    const stored = new Database(join(server.dataDir, 'anydoor.sqlite'), { readonly: true });
    try {
      const row = stored.prepare('select contact from cases where reference = ?').get(reference) as
        { contact: string } | undefined;
      expect(JSON.parse(row?.contact ?? '{}')).toMatchObject({
        phone: '07700 900123',
        consent: true,
        language: 'cy',
      });
    } finally {
      stored.close();
    }

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
    await officer.page.getByRole('link', { name: 'Map point 52.2405, -0.9027' }).waitFor();
    // Another device's photo: fetched from the hub when first shown.
    await expect
      .poll(() =>
        officer.page
          .getByRole('img', { name: 'Photo 1' })
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)
          .catch(() => 0),
      )
      .toBe(1);
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
    await citizen.getByRole('link', { name: 'العربية' }).click();
    await citizen.getByText('تسلّم الفريق الحالة').waitFor();
    expect(await citizen.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await axeViolations(citizen)).toEqual([]);
    await phone.close();
    await tablet.context.close();
    await officer.context.close();
  });

  it('a guided flow that hands over to capture counts one contact, with the flow’s path', async () => {
    const counter = await device('civic-centre', 'Counter');
    const { page } = counter;
    await page.goto(`${server.url}/services/missed-bin-collection/flow`);
    await page.getByTestId('flow-progress').waitFor();
    // Put out on time, assisted collection: a request to capture.
    for (let guard = 0; guard < 12; guard++) {
      if (await page.getByTestId('flow-outcome').isVisible()) break;
      const answers = page.getByTestId('flow-answers').getByRole('button');
      const next = page.getByTestId('flow-continue');
      await answers.first().or(next).waitFor();
      if ((await answers.count()) > 0) await answers.first().click();
      else await next.click();
    }
    await page.getByRole('button', { name: 'Capture the request' }).click();
    await page.getByLabel('What happened').waitFor();
    await page.getByRole('button', { name: 'Save and give the reference' }).click();
    const reference = (await page.getByTestId('case-reference').textContent())?.trim() ?? '';
    await syncNow(page);
    const deviceId = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('anydoor');
        open.onsuccess = () => resolve(open.result);
      });
      const device = await new Promise<{ deviceId: string }>((resolve) => {
        const req = db.transaction('settings').objectStore('settings').get('device');
        req.onsuccess = () => resolve(req.result as { deviceId: string });
      });
      db.close();
      return device.deviceId;
    });
    const hub = new Database(join(server.dataDir, 'anydoor.sqlite'), { readonly: true });
    try {
      expect(hub.prepare('select 1 from cases where reference = ?').get(reference)).toBeTruthy();
      const contacts = hub
        .prepare('select outcome, path from contacts where device_id = ?')
        .all(deviceId) as { outcome: string; path: string }[];
      expect(contacts.map((c) => ({ ...c, path: JSON.parse(c.path) as string[] }))).toEqual([
        {
          outcome: 'captured',
          path: ['check-address', 'put-out:on-time', 'assisted:assisted-yes', 'capture-priority'],
        },
      ]);
    } finally {
      hub.close();
    }
    await counter.context.close();
  });
});
