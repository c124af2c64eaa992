// Local information pages edited on two devices while both are offline: nothing is
// overwritten, the page shows the conflict, a person merges it, and every device agrees.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('local pages in Chromium', () => {
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

  async function device(name: string): Promise<{ context: BrowserContext; page: Page }> {
    const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, 'central-library');
    await storage.close();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(name);
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, 'tom-evans');
    await page.getByRole('heading', { name: 'Find a service', level: 1 }).waitFor();
    return { context, page };
  }

  async function syncNow(page: Page) {
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count') === '0',
    );
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
  }

  async function edit(page: Page, text: string, author: string) {
    await page.getByRole('link', { name: /Edit page|Merge versions/ }).click();
    const editor = page.getByTestId('rich-text-editor');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
    await page.getByLabel('Your name').fill(author);
    await page.getByRole('button', { name: 'Save page' }).click();
  }

  it('keeps both offline edits, shows the conflict, and settles it with a merge', async () => {
    const a = await device('Front desk');
    const b = await device('Volunteer tablet');

    await navTo(a.page, 'Local pages');
    await a.page.getByRole('heading', { name: 'Local information', level: 1 }).waitFor();
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.getByRole('link', { name: 'New page' }).click();
    await a.page.getByLabel('Title').fill('Lift and access');
    await a.page.getByTestId('rich-text-editor').click();
    await a.page.keyboard.type('The lift is working.');
    await a.page.getByRole('button', { name: 'Bold' }).click();
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.getByLabel('Your name').fill('Priya');
    await a.page.getByRole('button', { name: 'Save page' }).click();
    await a.page.getByRole('heading', { name: 'Lift and access', level: 1 }).waitFor();
    const pageUrl = a.page.url();
    await syncNow(a.page);

    await syncNow(b.page);
    await b.page.goto(pageUrl);
    await b.page.getByText('The lift is working.').waitFor();

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await edit(a.page, 'The lift is broken until Friday.', 'Priya');
    await edit(b.page, 'The lift was fixed this morning.', 'Sam');
    await a.page.getByText('The lift is broken until Friday.').waitFor();

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    for (const { page } of [a, b]) {
      const conflict = page.getByTestId('page-conflict');
      await conflict.waitFor();
      await conflict.getByText('The lift is broken until Friday.').waitFor();
      await conflict.getByText('The lift was fixed this morning.').waitFor();
    }
    expect(await axeViolations(b.page)).toEqual([]);

    await edit(b.page, 'The lift was fixed this morning (Friday repair cancelled).', 'Sam');
    await b.page.getByText('The lift was fixed this morning (Friday repair cancelled).').waitFor();
    await syncNow(b.page);
    await syncNow(a.page);
    await a.page.getByText('The lift was fixed this morning (Friday repair cancelled).').waitFor();
    expect(await a.page.getByTestId('page-conflict').count()).toBe(0);
    expect(await a.page.getByTestId('page-history').locator('li').count()).toBe(4);
    await a.page.getByTestId('page-history').getByText(/^Sam,/).first().waitFor();
    await a.context.close();
    await b.context.close();
  });
});
