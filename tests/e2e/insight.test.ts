// The insight dashboards in Chromium: the franchisor signs in, sees the charts, filters by
// partner, downloads a CSV, and sees channel shift with the people who moved; axe on the
// screen, in English and in Arabic (right to left). The hub's demo history fills the charts.
import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('insight dashboards', () => {
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

  it('shows the franchisor every chart, filters by partner, exports CSV, and names the movers', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(server.codes.get('Northam Civic Centre') ?? '');
    await page.getByLabel('Name for this device').fill('Franchisor desk');
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, 'alex-morgan');
    await navTo(page, 'Insight');

    const contacts = page.getByTestId('headline-contacts');
    await contacts.waitFor({ timeout: 30_000 });
    const everyone = Number((await contacts.textContent())?.replace(/\D/g, ''));
    expect(everyone).toBeGreaterThan(5000);
    await expect
      .poll(() => page.getByTestId('insight-scope').textContent())
      .toBe('Showing every partner.');
    for (const figure of [
      'satisfaction-ratings',
      'volumes-by-channel',
      'cost-to-serve',
      'commitments-by-team',
      'best-access-points',
    ]) {
      // Each drawn as a chart (insight-chart.tsx) with one bar per row of its table.
      expect(
        await page.getByTestId(`figure-${figure}`).getByRole('img').locator('rect').count(),
        figure,
      ).toBeGreaterThan(0);
    }
    expect(await axeViolations(page)).toEqual([]);

    // Channel shift, person by person: the people who moved, by reference, and the saving.
    const shift = page.getByTestId('channel-shift');
    await shift
      .getByTestId('shift-saving')
      .getByText(/moved to cheaper channels/)
      .waitFor();
    const movers = shift.getByTestId('figure-channel-shift-people');
    const rows = movers.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(10);
    await movers.getByRole('columnheader', { name: 'Customer reference' }).waitFor();
    expect(await movers.textContent()).not.toMatch(/@example\.org/);

    // A CSV of a chart's table, fetched with the hub session.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV: Contacts by channel' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('channel,contacts');
    expect(csv).toContain('face-to-face,');

    // One partner: fewer contacts, and only that partner's places.
    await page
      .getByLabel('Partner', { exact: true })
      .selectOption({ label: 'Eastbury Borough Council' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect
      .poll(async () => Number((await contacts.textContent())?.replace(/\D/g, '')))
      .toBeLessThan(everyone);
    const places = page.getByTestId('figure-volumes-by-access-point');
    await places.getByText('Show the figures as a table').click();
    expect(await places.getByRole('table').textContent()).not.toContain('Central Library');
    // No section claims a filter it cannot apply.
    expect(await page.locator('[data-testid^="unfiltered-"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A channel too: commitments have none, and the page says so; volumes apply it.
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Phone' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page
      .getByTestId('unfiltered-commitments')
      .getByText('Some figures here are not narrowed by: Channel.')
      .waitFor();
    expect(await page.getByTestId('unfiltered-volumes').count()).toBe(0);

    // Right to left in Arabic, still without violations.
    await page.getByLabel('Language').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'المؤشرات' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
