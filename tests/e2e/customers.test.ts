// The single customer view in Chromium: Northam's manager signs in at the civic centre, finds
// the demo's two records of Katarzyna ("Kasia") Nowak proposed as a match, compares them, merges
// them, sees the kept record's history across doors, and undoes the merge. Axe on each screen.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('single customer view', () => {
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

  it('proposes two records of one citizen, merges them on a person’s say, and undoes it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(server.codes.get('Northam Civic Centre') ?? '');
    await page.getByLabel('Name for this device').fill('Front desk');
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, 'priya-shah');

    // Looking the citizen up: both records answer to her phone number, in any form.
    await navTo(page, 'Customers');
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    await page.getByLabel('Phone').fill('+44 7700 900456');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByTestId('customer-results');
    await results.waitFor({ timeout: 30_000 });
    await results.getByRole('link', { name: 'Katarzyna Nowak' }).waitFor();
    await results.getByRole('link', { name: 'Kasia Nowak' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The proposal: side by side, with the fields that agree.
    await page.getByRole('link', { name: 'Possible duplicates to check' }).click();
    const pair = page
      .getByTestId('customer-pair')
      .filter({ hasText: 'Katarzyna Nowak' })
      .filter({ hasText: 'Kasia Nowak' });
    await pair.waitFor({ timeout: 30_000 });
    const verdict = (field: string) =>
      pair
        .getByRole('row', { name: new RegExp(`^${field}`) })
        .getByRole('cell')
        .last();
    expect(await verdict('Date of birth').textContent()).toBe('Same');
    expect(await verdict('Phone').textContent()).toBe('Same');
    expect(await verdict('Name').textContent()).toBe('Similar');
    expect(await axeViolations(page)).toEqual([]);

    // Keep Katarzyna's record: Kasia's case and contacts move to it.
    await pair.getByRole('button', { name: /\(Katarzyna Nowak\)/ }).click();
    await page.getByTestId('customer-name').getByText('Katarzyna Nowak').waitFor();
    await page.getByRole('status').getByText('Merged into Katarzyna Nowak’s record.').waitFor();
    const merges = page.getByTestId('customer-merges');
    await merges.getByText(/^Kasia Nowak, merged on .* by priya-shah/).waitFor();
    // Her history across doors: at least one case from each record, contacts at several places.
    const cases = page.getByTestId('customer-cases');
    expect(await cases.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    const places = await page
      .getByTestId('customer-contacts')
      .locator('tbody tr td:last-child')
      .allTextContents();
    expect(new Set(places).size).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);

    // Undo: the other record comes back, with exactly what moved.
    const before = await cases.locator('tbody tr').count();
    await merges.getByRole('button', { name: 'Undo this merge' }).click();
    await page
      .getByRole('status')
      .getByText(/The merge was undone/)
      .waitFor();
    await expect.poll(() => page.getByTestId('customer-merges').count()).toBe(0);
    // Her own case stays: a count of 0 is the table between two loads, not the answer.
    let afterUndo = 0;
    await expect
      .poll(async () => {
        afterUndo = await page.getByTestId('customer-cases').locator('tbody tr').count();
        return afterUndo > 0 && afterUndo < before;
      })
      .toBe(true);

    // She is at the desk with another matter: looked up, the new case joins her record, and
    // nobody asks again for what she told the other doors.
    await page.getByTestId('serve-customer').click();
    await page
      .getByTestId('serving-banner')
      .getByText(/Serving Katarzyna Nowak/)
      .waitFor();
    await navTo(page, 'Cases');
    await page.getByRole('link', { name: 'New case' }).click();
    await page
      .getByTestId('capture-serving')
      .getByText(/Katarzyna Nowak’s record/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Service').selectOption('housing-repair');
    await page.getByLabel('What happened').fill('Damp in the back bedroom again.');
    await page.getByLabel('Postcode', { exact: true }).fill('NM2 6RS');
    await page.getByRole('button', { name: 'Save and give the reference' }).click();
    await page.getByTestId('case-reference').waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count'),
        ),
      )
      .toBe('0');
    await page
      .getByTestId('serving-banner')
      .getByRole('link', { name: 'Open their record' })
      .click();
    await expect
      .poll(() => page.getByTestId('customer-cases').locator('tbody tr').count(), {
        timeout: 30_000,
      })
      .toBe(afterUndo + 1);
    await page.getByTestId('customer-cases').getByText('Damp in the back bedroom again.').waitFor();
    await page.getByTestId('serving-banner').getByRole('button', { name: 'Done serving' }).click();
    expect(await page.getByTestId('serving-banner').count()).toBe(0);

    await page.getByRole('link', { name: 'Find a customer' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Kasia');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('customer-results').getByRole('link', { name: 'Kasia Nowak' }).waitFor();

    // Right to left, the screens hold together and still pass.
    // (In-app navigation: a reload would end the hub session, which lives in memory only.)
    await page.getByRole('link', { name: 'Possible duplicates to check' }).click();
    await page.getByTestId('customer-pair').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
