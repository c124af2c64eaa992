// A week in the back office, as the officer meets it (issue 17): the queue finds a case by its
// reference however it is typed, shows open cases by default and resolved ones apart; resolving
// asks which steps were done and checks before it writes, so a step nobody did is recorded as
// not done; a resolved case is not offered "Jump the queue"; the citizen's tracking page says
// which step was done and which not, names the council and how to reach it, and has no QR code
// pointing at itself. Axe on each screen; screenshots in English, Polish and Arabic at desk and
// phone widths for a person to look at (/tmp/shots-17b).
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import {
  chooseLanguage,
  openCasesElsewhere,
  shootWidths,
  staffDevice,
  syncNow,
} from '../helpers/back-office.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const MONTHS =
  '(January|February|March|April|May|June|July|August|September|October|November|December)';

const steps = Object.fromEntries(
  (
    buildDemoPack().commitments.find((c) => c.serviceId === 'missed-bin-collection')?.steps ?? []
  ).map((s) => [s.id, s.title.en]),
);

describe('the back office, every day, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let references: string[] = [];

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    server = await startServerProcess();
    browser = await launchBrowser();
    references = await openCasesElsewhere(server, 3);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function axeClean(page: Page, where: string) {
    expect(await axeViolations(page), where).toEqual([]);
  }

  it('finds a case by reference, resolves it saying which steps were done, keeps resolved cases apart, and the citizen reads it', async () => {
    const [first, second, third] = references as [string, string, string];
    const officer = await staffDevice(browser, server, 'civic-centre', 'alun-davies', {
      viewport: { width: 1280, height: 900 },
    });
    const { page } = officer;
    await page.goto(`${server.url}/queue`);
    await syncNow(page);
    const queue = page.getByTestId('queue');
    for (const reference of references) {
      await queue.getByRole('link', { name: new RegExp(reference) }).waitFor({ timeout: 30_000 });
    }
    // The demo's own cases are there too: every one open, none resolved.
    const open = await queue.getByRole('link').count();
    expect(await page.getByTestId('queue-count').textContent()).toBe(`${open} open cases`);
    // The team table names the team, never its id.
    expect(await page.locator('.team-table').textContent()).toContain('Waste Collection');
    expect(await page.locator('.team-table').textContent()).not.toContain('waste-collection');

    // Search by reference, typed as a citizen reads it out: lower case, no dashes, in part.
    const search = page.getByLabel('Search by reference');
    await search.fill(second.toLowerCase().replace(/-/g, '').slice(0, 6));
    await expect.poll(() => queue.getByRole('link').count()).toBe(1);
    await queue.getByRole('link', { name: new RegExp(second) }).waitFor();
    expect(await page.getByTestId('queue-count').textContent()).toBe('1 open case');
    await axeClean(page, 'queue searched');
    await search.fill('');
    await expect.poll(() => queue.getByRole('link').count()).toBe(open);

    // The case: owner by name; resolving asks which steps were done, then checks.
    await queue.getByRole('link', { name: new RegExp(first) }).click();
    await page.getByRole('heading', { name: new RegExp(first) }).waitFor();
    // The owner's name comes from the pack a moment after the case itself.
    await expect
      .poll(() => page.locator('.facts').first().textContent())
      .toContain('Waste Collection, Northam District Council');
    expect(await page.locator('.facts').first().textContent()).not.toContain(
      'northam-district-council',
    );
    // Due times in British English: "due 8 December 2026 at 17:00", never "Dec 8" or "12/8/2026".
    const dues = (await page.getByTestId('case-dues').textContent()) ?? '';
    expect(dues).toMatch(new RegExp(`due \\d{1,2} ${MONTHS} \\d{4} at \\d{2}:\\d{2}`));
    expect(dues).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
    await page.getByRole('button', { name: 'Jump the queue' }).waitFor();

    await page.getByRole('button', { name: 'Resolve' }).click();
    const resolve = page.getByTestId('resolve-case');
    await resolve.getByRole('group', { name: 'Which steps were done?' }).waitFor();
    // Nothing is assumed: every step starts unticked.
    for (const box of await resolve.getByRole('checkbox').all()) {
      expect(await box.isChecked()).toBe(false);
    }
    await resolve.getByRole('checkbox', { name: steps['crew-notified'] }).check();
    await resolve.getByRole('checkbox', { name: steps['bin-collected'] }).check();
    await axeClean(page, 'resolve: which steps');
    await shootWidths(page, 'case-resolve-steps-en');
    await resolve.getByRole('button', { name: 'Continue' }).click();
    // The check: what will be recorded, the step not done named, nothing written yet.
    await resolve.getByRole('heading', { name: 'Check before you resolve' }).waitFor();
    const check = (await page.getByTestId('resolve-check').textContent()) ?? '';
    expect(check).toContain(`Not done${steps['supervisor-review']}`);
    expect(await resolve.textContent()).toContain('1 step will be recorded as not done.');
    expect(await page.getByTestId('case-trail').textContent()).not.toContain('Resolved');
    await axeClean(page, 'resolve: check');
    await shootWidths(page, 'case-resolve-check-en');
    await resolve.getByRole('button', { name: 'Yes, resolve the case' }).click();

    // Resolved: the step nobody did says so; no "Jump the queue"; reopening is offered.
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    const dueList = page.getByTestId('case-dues');
    await dueList
      .locator('li', { hasText: steps['supervisor-review'] })
      .getByText('Not done')
      .waitFor();
    await dueList.locator('li', { hasText: steps['bin-collected'] }).getByText('Done').waitFor();
    expect(await page.getByRole('button', { name: 'Jump the queue' }).count()).toBe(0);
    expect(await page.getByLabel('Reason to give it priority').count()).toBe(0);
    await page
      .getByTestId('case-trail')
      .getByText(`Step not done: ${steps['supervisor-review']}`)
      .waitFor();
    await axeClean(page, 'case resolved');
    await syncNow(page);

    // The queue: open cases by default, resolved ones a choice away.
    await page.goto(`${server.url}/queue`);
    await queue.getByRole('link', { name: new RegExp(third) }).waitFor();
    expect(await queue.getByRole('link', { name: new RegExp(first) }).count()).toBe(0);
    expect(await page.getByTestId('queue-count').textContent()).toBe(`${open - 1} open cases`);
    await page.getByLabel('Show').selectOption({ label: 'Resolved cases' });
    await queue.getByRole('link', { name: new RegExp(first) }).waitFor();
    for (const badge of await queue.locator('li').all()) {
      expect(await badge.textContent()).toContain('Resolved');
    }
    await axeClean(page, 'queue resolved');

    // The citizen's page: which step was done and which not, who deals with it, how to reach them.
    const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const citizen = await phone.newPage();
    await citizen.goto(`${server.url}/track/${first}`);
    await citizen.getByText(`${steps['bin-collected']}: done.`).waitFor();
    await citizen.getByText(`${steps['supervisor-review']}: not done.`).waitFor();
    await citizen.getByText(`Not done: ${steps['supervisor-review']}`).waitFor();
    await citizen.getByText('Waste Collection, Northam District Council.').waitFor();
    await citizen.getByRole('link', { name: '01234 500500' }).waitFor();
    expect(await citizen.getByRole('img').count()).toBe(0);
    const tracked = (await citizen.locator('main').textContent()) ?? '';
    expect(tracked).toMatch(new RegExp(`\\d{1,2} ${MONTHS} \\d{4} at \\d{2}:\\d{2}`));
    await axeClean(citizen, 'track');
    await phone.close();

    // Screenshots of the queue, a resolved case and /track in English, Polish and Arabic.
    for (const lang of ['en', 'pl', 'ar']) {
      await chooseLanguage(page, lang);
      await page.goto(`${server.url}/queue`);
      await queue.getByRole('link', { name: new RegExp(second) }).waitFor();
      await axeClean(page, `queue ${lang}`);
      await shootWidths(page, `queue-${lang}`);
      await page.goto(`${server.url}/queue`);
      await queue.getByRole('link', { name: new RegExp(second) }).click();
      await page.getByTestId('case-dues').locator('li').first().waitFor();
      await axeClean(page, `case ${lang}`);
      await shootWidths(page, `case-open-${lang}`);
      const reader = await browser.newContext();
      const track = await reader.newPage();
      await track.goto(`${server.url}/track/${first}?lang=${lang}`);
      await axeClean(track, `track ${lang}`);
      await shootWidths(track, `track-${lang}`);
      await reader.close();
    }
    await officer.close();
  });
});
