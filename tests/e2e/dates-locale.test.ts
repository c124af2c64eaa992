// Dates, times and numbers as a British reader expects them, and each language its own (issue
// 17): "6 December 2026 at 17:12", never "Dec 6, 2026, 5:12 PM" or "11/3/2026" (which a UK reader
// takes for 11 March). Checked where people meet them: the sync bar, the audit scores' last visit
// and month names, a case's due times, and the public tracking page; then again in Polish.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import {
  chooseLanguage,
  openCasesElsewhere,
  staffDevice,
  syncNow,
} from '../helpers/back-office.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const EN_MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December';
const PL_MONTHS =
  'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia';
const BRITISH = new RegExp(`\\b\\d{1,2} (${EN_MONTHS}) \\d{4}`);
const BRITISH_TIME = new RegExp(`\\b\\d{1,2} (${EN_MONTHS}) \\d{4} at \\d{2}:\\d{2}`);
/** What must never show: US month-first dates, numeric dates, 12-hour clocks. */
const NOT_BRITISH = [
  /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}/,
  /\b\d{1,2}\/\d{1,2}\/\d{4}\b/,
  /\b\d{1,2}:\d{2}\s?(AM|PM)\b/,
];

function expectBritish(text: string, where: string) {
  for (const wrong of NOT_BRITISH) expect(text, where).not.toMatch(wrong);
}

describe('dates and numbers in the reader’s locale, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let reference = '';

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    server = await startServerProcess();
    browser = await launchBrowser();
    [reference = ''] = await openCasesElsewhere(server, 1);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const text = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).textContent()) ?? '';

  it('shows British dates on the sync bar, a case and the audit scores, and Polish in Polish', async () => {
    // A US browser: the app's English is still British English.
    const officer = await staffDevice(browser, server, 'civic-centre', 'alun-davies', {
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
    const { page } = officer;
    await page.goto(`${server.url}/queue`);
    await syncNow(page);
    await expect.poll(() => text(page, 'sync-status')).toMatch(BRITISH_TIME);
    expectBritish(await text(page, 'sync-status'), 'sync bar');

    await page
      .getByTestId('queue')
      .getByRole('link', { name: new RegExp(reference) })
      .click();
    const dues = page.getByTestId('case-dues');
    await dues.locator('li').first().waitFor();
    expect(await dues.textContent()).toMatch(BRITISH_TIME);
    expectBritish((await page.locator('main').textContent()) ?? '', 'case page');
    // UK time whatever the device's zone (New York here): the promise is due at 17:00 in London.
    expect(await dues.locator('li').first().textContent()).toMatch(/at 17:00/);

    // The same in Polish: "9 grudnia 2026 17:00".
    await chooseLanguage(page, 'pl');
    await expect
      .poll(async () => (await dues.textContent()) ?? '')
      .toMatch(new RegExp(`\\d{1,2} (${PL_MONTHS}) \\d{4}`));
    expect(await axeViolations(page)).toEqual([]);
    await officer.close();
  });

  it('shows the audit scores’ last visit and months in words', async () => {
    const auditor = await staffDevice(browser, server, 'central-library', 'ruth-hale', {
      locale: 'en-US',
    });
    const { page } = auditor;
    await page.goto(`${server.url}/audits/scores`);
    const table = page.getByTestId('scores-by-place');
    const pin = page.getByLabel(/^PIN/);
    await pin.or(table.getByRole('row').nth(1)).first().waitFor({ timeout: 60_000 });
    if (await pin.isVisible()) {
      await pin.fill('124578');
      await page.getByRole('button', { name: 'Load' }).click();
    }
    await table.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
    const rows = (await table.textContent()) ?? '';
    expect(rows).toMatch(BRITISH);
    expectBritish(rows, 'audit scores');
    expect(await axeViolations(page)).toEqual([]);
    await auditor.close();
  });

  it('shows the tracking page’s dates in the citizen’s language', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/track/${reference}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(
      new RegExp(
        `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ${BRITISH_TIME.source.slice(2)}`,
      ),
    );
    expectBritish(main, 'track');
    await page.goto(`${server.url}/track/${reference}?lang=pl`);
    expect((await page.locator('main').textContent()) ?? '').toMatch(
      new RegExp(`\\d{1,2} (${PL_MONTHS}) \\d{4}`),
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
