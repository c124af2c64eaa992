// The studio's front door and its audit log in Chromium: the franchisor sees every section, a
// partner manager theirs (not the pack), a counter clerk none; the log reads from the hub and
// exports CSV. Axe at the widths a studio is used at (desktop, tablet, small laptop window).
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, enrolAndSignIn, launchBrowser } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const SECTIONS = [
  'Devices and doors',
  'People',
  'Places and partners',
  'The franchise pack',
  'Open311 keys',
  'Audit log',
];

describe('the studio', () => {
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

  async function at(place: string, staffId: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await enrolAndSignIn(page, server.url, server.codes.get(place) ?? '', staffId, 'Office');
    return page;
  }

  const sectionLinks = (page: Page) =>
    page.getByRole('main').getByRole('listitem').getByRole('link').allTextContents();

  it('shows the franchisor every section, axe-clean at 1280, 768 and 640 px', async () => {
    const page = await at('Eastbury Town Hall', 'alex-morgan');
    await page.goto(`${server.url}/studio`);
    await page.getByRole('heading', { name: 'Studio' }).waitFor();
    const links = await sectionLinks(page);
    for (const name of SECTIONS)
      expect(
        links.some((l) => l.startsWith(name)),
        name,
      ).toBe(true);
    for (const width of [1280, 768, 640]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `${width} px`).toEqual([]);
      // Nothing scrolls sideways at any of these widths.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    }

    // The log: read from the hub, and exported with the session.
    await page.getByRole('link', { name: /^Audit log/ }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    // The page was loaded afresh (/studio above), so the hub session is asked for again.
    await page.getByLabel('PIN or passphrase').fill('open-every-door-24');
    await page.getByRole('button', { name: 'Load' }).click();
    await page
      .getByText('No changes have been made yet.')
      .or(page.getByRole('table', { name: 'Administrative changes' }))
      .waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('anydoor-admin-log.csv');
    await page.context().close();
  });

  it('shows a partner manager their sections, and a counter clerk none', async () => {
    const priya = await at('Northam Civic Centre', 'priya-shah');
    await priya.goto(`${server.url}/studio`);
    await priya.getByRole('heading', { name: 'Studio' }).waitFor();
    const links = await sectionLinks(priya);
    expect(links.some((l) => l.startsWith('The franchise pack'))).toBe(false);
    for (const name of SECTIONS.filter((s) => s !== 'The franchise pack')) {
      expect(
        links.some((l) => l.startsWith(name)),
        name,
      ).toBe(true);
    }
    await priya.context().close();

    const tom = await at('Central Library', 'tom-evans');
    await tom.goto(`${server.url}/studio`);
    await tom.getByText('Your role has nothing to manage in the studio.').waitFor();
    expect(await axeViolations(tom)).toEqual([]);
    await tom.context().close();
  });
});
