// The studio's people in Chromium, by visible labels: Priya Shah (Northam's partner manager, at
// the civic centre's counter) sees her partner's people with their training, invites a counter
// clerk (a weak PIN and a taken id refused with a clear message first), resets a PIN (shown
// once), moves and revokes someone, and never sees Eastbury's people, on the screen or at the
// API. Axe at 1280, 768 and 640 px; screenshots at 1280 and 375 px in English, Polish and
// Arabic into /tmp/shots-14-people/.
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { chooseLanguage } from '../helpers/back-office.ts';
import {
  axeViolations,
  enrolAndSignIn,
  launchBrowser,
  loadWithHubSession,
} from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const SHOTS = '/tmp/shots-14-people';

describe('the studio’s people', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess();
    browser = await launchBrowser();
    const context = await browser.newContext();
    page = await context.newPage();
    const code = server.codes.get('Northam Civic Centre') ?? '';
    await enrolAndSignIn(page, server.url, code, 'priya-shah', 'Counter 1');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const table = () => page.getByRole('table', { name: 'People and their training' });
  const row = (id: string) => table().locator(`tr[data-person="${id}"]`);

  /**
   * Opens a studio page by its address: a reload ends the hub session (kept in memory only),
   * so the page asks for her secret once more before it loads from the hub.
   */
  async function visit(path: string, ready: () => Locator) {
    await page.goto(`${server.url}${path}`);
    await loadWithHubSession(
      page,
      ready(),
      'priya-shah',
      /^(PIN or passphrase|PIN lub hasło|رمز PIN أو عبارة المرور)/,
      /^(Load|Wczytaj|تحميل)/,
    );
  }

  async function axeAtWidths(what: string) {
    for (const width of [1280, 768, 640]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `${what} at ${width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('lists Northam’s people with their training, and none of Eastbury’s', async () => {
    await visit('/studio/people', table);
    await expect(row('alun-davies').textContent()).resolves.toContain('Back-office officer');
    // Training: what the role needs, and how much of it is passed.
    await expect(row('alun-davies').textContent()).resolves.toMatch(/Passed: 0 of \d+/);
    expect(await table().getByText('Grace Obi').count()).toBe(0);
    // No partner filter for a manager: hers is the only partner she sees.
    expect(await page.getByLabel('Partner').count()).toBe(0);
    await axeAtWidths('people');
  });

  it('invites a counter clerk: a weak PIN and a taken id refused, then a secret shown once', async () => {
    await page.getByRole('link', { name: 'Invite someone' }).click();
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
    await page.getByLabel('Full name').waitFor({ timeout: 30_000 });
    // Only her partner's places, and no franchisor roles, are offered.
    const places = page.getByRole('group', { name: 'Places they work at' });
    expect(await places.getByRole('checkbox', { name: 'Eastbury Town Hall' }).count()).toBe(0);
    const roles = await page.getByLabel('Role').locator('option').allTextContents();
    expect(roles).not.toContain('Franchisor administrator');
    expect(roles).not.toContain('Auditor');

    await page.getByLabel('Full name').fill('Alun Davies');
    await page.getByLabel('Role').selectOption({ label: 'Counter staff' });
    await places.getByRole('checkbox', { name: 'Northam Civic Centre', exact: true }).check();
    await page.getByRole('radio', { name: 'I set it now' }).check();
    await page.getByLabel('PIN for them').fill('1234');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/That secret is too weak/)
      .waitFor();
    await page.getByLabel('PIN for them').fill('97531864');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText('The id alun-davies is taken', { exact: false })
      .waitFor();
    await axeAtWidths('invite, refused');

    await page.getByLabel('Full name').fill('Dee Counter');
    await page.getByLabel('Staff id').fill('dee-counter');
    await page.getByRole('radio', { name: 'AnyDoor makes one and shows it once' }).check();
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByRole('heading', { name: 'New secret for Dee Counter' }).waitFor();
    expect(await page.getByTestId('new-secret').textContent()).toMatch(/^\d{8}$/);
    await axeAtWidths('invite, done');
  });

  it('resets a PIN, moves and revokes someone, and shows their training', async () => {
    await page.getByRole('link', { name: 'Open Dee Counter' }).click();
    await page.getByRole('heading', { name: 'Dee Counter', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Training' }).waitFor();
    expect(await page.getByText(/not yet passed/).count()).toBeGreaterThan(0);
    await axeAtWidths('person');

    await page.getByRole('button', { name: 'Reset PIN for Dee Counter' }).click();
    await page.getByText('Dee Counter’s PIN is reset.').waitFor();
    const secret = await page.getByTestId('new-secret').textContent();
    expect(secret).toMatch(/^\d{8}$/);

    const places = page.getByRole('group', { name: 'Places they work at' });
    await places
      .getByRole('checkbox', { name: 'Self-service kiosk, Northam Civic Centre foyer' })
      .check();
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText('Dee Counter now works at the places chosen.').waitFor();
    // The secret was shown once: after another change it is gone.
    expect(await page.getByTestId('new-secret').count()).toBe(0);
    // Her facts now name both places.
    await page
      .getByRole('definition')
      .filter({ hasText: /Self-service kiosk/ })
      .waitFor();

    await page.getByRole('button', { name: 'Revoke Dee Counter' }).click();
    await page.getByRole('button', { name: 'Yes, revoke Dee Counter' }).click();
    await page.getByText('Dee Counter’s access is withdrawn.').waitFor();
    await page.getByText(/Access withdrawn on/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back to people' }).click();
    await expect(row('dee-counter').textContent()).resolves.toContain('Access withdrawn');
  });

  it('refuses Eastbury’s people at the API, with her own session on her own device', async () => {
    const token = await page.evaluate(async () => {
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
    const eastbury = await fetch(
      `${server.url}/api/staff/people?partner=eastbury-borough-council`,
      {
        headers,
      },
    );
    expect(eastbury.status).toBe(403);
    const mine = await (await fetch(`${server.url}/api/staff/people`, { headers })).text();
    expect(mine).toContain('alun-davies');
    expect(mine).not.toContain('grace-obi');
    for (const action of ['edit', 'move', 'reset-pin', 'revoke']) {
      const res = await fetch(`${server.url}/api/staff/grace-obi/${action}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(
          action === 'edit'
            ? { name: 'Grace', role: 'counter', teamIds: [] }
            : action === 'move'
              ? { accessPointIds: ['civic-centre'] }
              : {},
        ),
      });
      expect(res.status, action).toBe(403);
    }
    const invite = await fetch(`${server.url}/api/staff/people`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        id: 'sneaky',
        name: 'Sneaky',
        role: 'counter',
        partnerId: 'northam-district-council',
        accessPointIds: ['eastbury-town-hall'],
      }),
    });
    expect(invite.status).toBe(403);
  });

  it('takes screenshots at 1280 and 375 px in English, Polish and Arabic', async () => {
    // Moved about by links, never reloads: the hub session lives in memory only.
    await visit('/studio/people', table);
    for (const lang of ['en', 'pl', 'ar']) {
      // From the person page (after the first language), back to the list.
      if (lang !== 'en') await page.locator('a[href="/studio/people"]').first().click();
      await chooseLanguage(page, lang);
      await page.locator('tr[data-person="alun-davies"]').waitFor({ timeout: 30_000 });
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${SHOTS}/people-${lang}-${width}.png`, fullPage: true });
      }
      await page.locator('a[href="/studio/people/alun-davies"]').click();
      await page
        .getByRole('heading', { name: 'Alun Davies', level: 1 })
        .waitFor({ timeout: 30_000 });
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${SHOTS}/person-${lang}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      if (lang !== 'en') expect(await axeViolations(page), lang).toEqual([]);
    }
    await chooseLanguage(page, 'en');
  });
});
