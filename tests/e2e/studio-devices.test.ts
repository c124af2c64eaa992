// The studio's devices and doors in Chromium, on a fresh `npm start`: the franchisor (Alex
// Morgan, at a civic-centre counter) issues a kiosk code for a place; a new browser enrols with it
// (asking for nothing) and comes up as a kiosk; the franchisor revokes a device, which is refused
// at its next sync and says so; Priya Shah (Northam's manager) sees and may act on Northam's
// devices only, on the screen and at the API. Axe at 1280, 768 and 640 px; screenshots in
// English, Polish and Arabic at 1280 and 375 px (SHOTS_DIR, /tmp/shots-14-devices by default).
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { PROTOCOL_VERSION, type EnrolResponse } from '../../src/shared/sync/protocol.ts';
import { axeViolations, launchBrowser, loadWithHubSession, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-14-devices';

describe('the studio: devices and doors', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alex: Page;

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A new browser, enrolled with `code` under `name` (the mode left as offered). */
  async function enrolNew(code: string, name: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(name);
    await page.getByRole('button', { name: 'Enrol device' }).click();
    return page;
  }

  /** A counter at a place (by its console code), with `staffId` signed in. */
  async function at(place: string, staffId: string): Promise<Page> {
    const page = await enrolNew(server.codes.get(place) ?? '', 'Office');
    await signIn(page, staffId);
    return page;
  }

  /**
   * The devices page, loaded from the hub. A page load ends the hub session (it is kept in
   * memory only), so the person types their secret again where the page asks for it.
   */
  async function openDevices(page: Page, staffId = 'alex-morgan'): Promise<void> {
    await page.goto(`${server.url}/studio/devices`);
    await page.getByRole('heading', { name: 'Devices and doors', level: 1 }).waitFor();
    const loaded = page.getByRole('heading', { name: 'Issue an enrolment code' });
    await loadWithHubSession(page, loaded, staffId);
  }

  async function axeAtWidths(page: Page, what: string): Promise<void> {
    for (const width of [1280, 768, 640]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `${what} at ${width} px`).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${what} scrolls sideways at ${width} px`,
      ).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('issues a kiosk code in the studio; a new browser enrols with it as a kiosk', async () => {
    alex = await at('Northam Civic Centre', 'alex-morgan');
    await openDevices(alex);
    await axeAtWidths(alex, 'the devices page');

    // Bad input is refused with a clear message for each field, and nothing is issued.
    await alex.getByLabel('Valid for (hours)').fill('500');
    await alex.getByRole('button', { name: 'Issue code' }).click();
    await alex.getByText('Choose the place the device will work at.').waitFor();
    await alex.getByText('Choose the mode: counter, tablet or kiosk.').waitFor();
    await alex.getByText('Enter a whole number of hours from 1 to 168.').waitFor();
    expect(await alex.getByTestId('issued-code').count()).toBe(0);
    expect(await axeViolations(alex), 'with errors').toEqual([]);

    // Keyboard first: the form is filled and sent without a mouse.
    await alex.getByLabel('Place').selectOption({ label: 'Central Library' });
    await alex.getByRole('radio', { name: /^Kiosk/ }).focus();
    await alex.keyboard.press('Space');
    await alex.getByLabel('Valid for (hours)').fill('2');
    await alex.getByLabel('Valid for (hours)').press('Enter');
    await alex.getByRole('heading', { name: 'New enrolment code for Central Library' }).waitFor();
    const code = (await alex.getByTestId('issued-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await alex
      .getByRole('img', { name: `QR code that opens enrolment with the code ${code}` })
      .waitFor();
    // Waiting at its place beside the console's code for it, never shown again.
    await alex
      .getByRole('region', { name: 'Central Library', exact: true })
      .getByText('Codes waiting to be used: 2')
      .waitFor();
    await axeAtWidths(alex, 'a new code');
    await alex.screenshot({ path: `${SHOTS}/devices-code-en-1280.png`, fullPage: true });

    // A new browser types the code and asks for nothing (Counter is what is offered): the code
    // fixes the mode, and it comes up as a kiosk, on the attract screen.
    const kiosk = await enrolNew(code, 'Library kiosk');
    await kiosk.getByRole('heading', { name: 'Welcome' }).waitFor({ timeout: 30_000 });
    await kiosk.getByTestId('kiosk-start').waitFor();
    expect(await kiosk.getByText('Central Library').count()).toBeGreaterThan(0);
    await kiosk.context().close();

    // The QR's link fills the code in and says the mode, offering no choice.
    await alex.getByLabel('Place').selectOption({ label: 'Central Library' });
    await alex.getByRole('radio', { name: /^Tablet/ }).check();
    await alex.getByRole('button', { name: 'Issue code' }).click();
    await alex
      .getByText('Enrols one device as a Tablet at Central Library.', { exact: false })
      .waitFor();
    const tabletCode = (await alex.getByTestId('issued-code').textContent())?.trim() ?? '';
    const scanned = await (await browser.newContext()).newPage();
    await scanned.goto(`${server.url}/enrol?code=${tabletCode}&mode=tablet`);
    await scanned
      .getByText('This code enrols the device as a Tablet: the code sets the mode.')
      .waitFor();
    expect(await scanned.getByLabel('Enrolment code').inputValue()).toBe(tabletCode);
    expect(await scanned.getByRole('radio').count()).toBe(0);
    expect(await axeViolations(scanned), 'enrolment with a fixed mode').toEqual([]);
    await scanned.context().close();

    // The kiosk is listed at its place, as a kiosk.
    await openDevices(alex);
    const row = alex.getByRole('row', { name: /Library kiosk/ });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'Kiosk', exact: true }).count()).toBe(1);
  });

  it('revokes a device, which is refused at its next sync and shows it', async () => {
    const desk = await enrolNew(
      server.codes.get('Market Street Post Office') ?? '',
      'Front desk 2',
    );
    // Its first sync reports its health: the studio then knows when it last synced.
    await desk
      .getByTestId('sync-last')
      .filter({ hasNotText: 'Never' })
      .waitFor({ timeout: 60_000 });

    await openDevices(alex);
    const row = alex.getByRole('row', { name: /Front desk 2/ });
    await row.getByRole('button', { name: 'Revoke Front desk 2' }).click();
    // The confirmation takes the focus: Enter confirms.
    await alex.getByRole('button', { name: 'Yes, revoke Front desk 2' }).waitFor();
    expect(await axeViolations(alex), 'confirming a revocation').toEqual([]);
    await alex.keyboard.press('Enter');
    await alex
      .getByRole('status')
      .getByText('“Front desk 2” is revoked: it will be refused at its next sync.')
      .waitFor();
    await alex
      .getByRole('row', { name: /Front desk 2/ })
      .getByText(/^Revoked/)
      .waitFor();

    // At its next sync the hub refuses it, and the device says so.
    await desk.getByRole('button', { name: 'Sync now' }).click();
    await desk
      .getByTestId('sync-error')
      .getByText('This device is no longer enrolled', { exact: false })
      .waitFor({ timeout: 30_000 });
    await desk.context().close();
  });

  it('shows Priya Shah only Northam’s devices, and the hub refuses her Eastbury’s', async () => {
    // A device at Eastbury Town Hall.
    const enrolled = await fetch(`${server.url}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'enrol',
        protocolVersion: PROTOCOL_VERSION,
        code: server.codes.get('Eastbury Town Hall'),
        deviceName: 'Eastbury desk',
        mode: 'counter',
      }),
    });
    expect(enrolled.status).toBe(201);
    const eastbury = (await enrolled.json()) as EnrolResponse;

    // The console's code for the civic centre went to Alex's counter: he issues another.
    await openDevices(alex);
    await alex.getByLabel('Place').selectOption({ label: 'Northam Civic Centre' });
    await alex.getByRole('radio', { name: /^Counter/ }).check();
    await alex.getByRole('button', { name: 'Issue code' }).click();
    await alex
      .getByRole('heading', { name: 'New enrolment code for Northam Civic Centre' })
      .waitFor();
    const counterCode = (await alex.getByTestId('issued-code').textContent())?.trim() ?? '';
    const priya = await enrolNew(counterCode, 'Manager desk');
    await signIn(priya, 'priya-shah');
    await openDevices(priya, 'priya-shah');
    await priya
      .getByRole('heading', { name: 'Northam Civic Centre', level: 3, exact: true })
      .waitFor();
    expect(await priya.getByRole('heading', { name: 'Eastbury Town Hall' }).count()).toBe(0);
    expect(await priya.getByText('Eastbury desk').count()).toBe(0);
    const places = await priya.getByLabel('Place').locator('option').allTextContents();
    expect(places).toContain('Northam Civic Centre');
    expect(places).not.toContain('Eastbury Town Hall');
    expect(await axeViolations(priya), 'Priya’s devices').toEqual([]);

    // At the API, with her own session on her own device: refused.
    const token = await priya.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('anydoor');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const device = await new Promise<{ token: string }>((resolve, reject) => {
        const req = db.transaction('settings').objectStore('settings').get('device');
        req.onsuccess = () => resolve(req.result as { token: string });
        req.onerror = () => reject(req.error);
      });
      db.close();
      return device.token;
    });
    const pin = DEMO_STAFF.find((s) => s.id === 'priya-shah')?.pin;
    const session = await fetch(`${server.url}/api/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ staffId: 'priya-shah', pin }),
    });
    expect(session.status).toBe(201);
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-staff-session': ((await session.json()) as { token: string }).token,
    };
    for (const action of ['revoke', 'replace']) {
      const res = await fetch(`${server.url}/api/studio/devices/${eastbury.deviceId}/${action}`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      expect(res.status, action).toBe(403);
    }
    const code = await fetch(`${server.url}/api/studio/enrolment-codes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        accessPointId: 'eastbury-town-hall',
        mode: 'counter',
        expiresInHours: 24,
      }),
    });
    expect(code.status).toBe(403);
    const list = await fetch(`${server.url}/api/studio/devices`, { headers });
    expect(await list.text()).not.toContain(eastbury.deviceId);
    await priya.context().close();
  });

  it('reads well in English, Polish and Arabic at 1280 and 375 px', async () => {
    await openDevices(alex);
    const language = alex.locator('select:has(option[value="ar"])').first();
    for (const lng of ['en', 'pl', 'ar']) {
      await language.selectOption(lng);
      await alex.waitForFunction((code) => document.documentElement.lang === code, lng);
      for (const width of [1280, 375]) {
        await alex.setViewportSize({ width, height: 900 });
        await alex.screenshot({ path: `${SHOTS}/devices-${lng}-${width}.png`, fullPage: true });
      }
    }
    expect(await axeViolations(alex), 'Arabic').toEqual([]);
    await language.selectOption('en');
  });
});
