// The studio's Open311 keys in Chromium, by keyboard: the franchisor makes a key for Northam (shown
// once), an integration uses it, the list shows its last use; revoking it (confirmed in place)
// makes the hub refuse it; the change is in the audit log. A partner manager sees and may issue
// only their own partner's keys. Axe at 1280, 768 and 640 px.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  enrolAndSignIn,
  launchBrowser,
  loadWithHubSession,
} from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('the studio’s Open311 keys', () => {
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

  async function keysPage(place: string, staffId: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await enrolAndSignIn(page, server.url, server.codes.get(place) ?? '', staffId, 'Office');
    await page.goto(`${server.url}/studio/keys`);
    await page.getByRole('heading', { name: 'Open311 keys', level: 1 }).waitFor();
    // A fresh page load: the hub session is asked for again.
    await loadWithHubSession(page, page.getByRole('heading', { name: 'Create a key' }), staffId);
    return page;
  }

  /** A report posted as FixMyStreet would, with this key. */
  const report = (key: string) =>
    fetch(`${server.url}/open311/v2/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: key,
        jurisdiction_id: 'northam-district-council',
        service_code: 'fly-tipping',
        description: 'Mattress dumped in the lay-by.',
        lat: '52.1',
        long: '-1.2',
      }),
    });

  it('lets the franchisor make, see used and revoke a partner’s key, by keyboard', async () => {
    const page = await keysPage('Eastbury Town Hall', 'alex-morgan');
    // The demo's key, made when the demo was seeded.
    const table = page.getByRole('table', { name: 'Open311 API keys' });
    await expect(table.getByRole('row', { name: /fixmystreet-demo/ }).count()).resolves.toBe(1);

    // Keyboard only: type the name, choose the partner, submit with Enter.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('Bad Name');
    await page.keyboard.press('Enter');
    await page.getByText('Give a name of lower-case letters').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.keyboard.type('fixmystreet-northam');
    await page.keyboard.press('Tab');
    await page
      .getByLabel('For the partner')
      .selectOption({ label: 'Northam District Council (Open311 services: 5)' });
    await page.getByLabel('Name', { exact: true }).press('Enter');
    const ready = page.getByRole('heading', { name: 'Key fixmystreet-northam is ready' });
    await ready.waitFor();
    // Focus moves to the new key, so a screen reader reads it at once.
    expect(await ready.evaluate((el) => el === document.activeElement)).toBe(true);
    const key = await page.getByLabel('The API key').inputValue();
    expect(key).toMatch(/^o311_/);
    const row = table.getByRole('row', { name: /fixmystreet-northam/ });
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        'Northam District Council',
        `${key.slice(0, 9)}…`,
        'Never',
        'Active',
      ]),
    );
    for (const width of [1280, 768, 640]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `${width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // An integration uses it; the list shows when.
    expect((await report(key)).status).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect
      .poll(async () => (await row.getByRole('cell').allTextContents()).includes('Never'))
      .toBe(false);

    // Revoke, confirmed in place (focus on the confirmation); the hub refuses it from then on.
    await page.getByRole('button', { name: 'Revoke fixmystreet-northam' }).press('Enter');
    const yes = page.getByRole('button', { name: 'Yes, revoke fixmystreet-northam' });
    await yes.waitFor();
    expect(await yes.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Key fixmystreet-northam is revoked').waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/Revoked/);
    const refused = await report(key);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('revoked');

    // Both changes are in the audit log.
    await page.goto(`${server.url}/studio/log`);
    await page.getByLabel(/^PIN/).fill('open-every-door-24');
    await page.getByRole('button', { name: 'Load' }).click();
    const log = page.getByRole('table', { name: 'Administrative changes' });
    await log.waitFor({ timeout: 30_000 });
    const text = (await log.textContent()) ?? '';
    expect(text).toContain('open311-key.create');
    expect(text).toContain('open311-key.revoke');
    await page.context().close();
  });

  it('shows a partner manager only their partner’s keys, and issues only theirs', async () => {
    const page = await keysPage('Northam Civic Centre', 'priya-shah');
    const table = page.getByRole('table', { name: 'Open311 API keys' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    // Eastbury's demo key is not hers to see; Northam's (revoked above) is.
    expect(text).not.toContain('fixmystreet-demo');
    expect(text).toContain('fixmystreet-northam');
    const options = await page.getByLabel('For the partner').locator('option').allTextContents();
    expect(options).toEqual(['Northam District Council (Open311 services: 5)']);
    await page.getByLabel('Name', { exact: true }).fill('northam-reporting');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('heading', { name: 'Key northam-reporting is ready' }).waitFor();
    // A name once used is never used again, and the hub says so.
    await page.getByLabel('Name', { exact: true }).fill('fixmystreet-northam');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText(/exists \(or existed\)/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // In Welsh, and in Arabic (right to left), the screen is whole and still axe-clean.
    await page.getByLabel('Language').selectOption('cy');
    await page.getByRole('heading', { name: 'Allweddi Open311', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Allweddi API Open311' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Iaith').selectOption('ar');
    await page.getByRole('heading', { name: 'مفاتيح Open311', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
