// The spine end to end, as a person meets it: enrol, lose the connection, keep working,
// reconnect, and every note arrives at the hub exactly once. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  launchBrowser,
  launchPersistentContext,
  navTo,
  signIn,
} from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('offline-first in Chromium', () => {
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

  function notesOnServer(text: string): number {
    const db = new Database(join(server.dataDir, 'anydoor.sqlite'), { readonly: true });
    try {
      const row = db
        .prepare('select count(*) as n from contact_notes where note = ?')
        .get(text) as {
        n: number;
      };
      return row.n;
    } finally {
      db.close();
    }
  }

  async function enrol(page: Page, place: string): Promise<void> {
    const code = server.codes.get(place);
    if (!code) throw new Error(`no code printed for ${place}`);
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Enrol this device' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Enrolment code').fill(code.toLowerCase());
    await page.getByLabel('Name for this device').fill('Front desk laptop');
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, place === 'Central Library' ? 'tom-evans' : 'alun-davies');
    await page.getByRole('heading', { name: 'Find a service', level: 1 }).waitFor();
    await navTo(page, 'Contact notes');
    await page.getByRole('heading', { name: 'Contact notes', level: 1 }).waitFor();
  }

  /** The first visit is not yet controlled by the service worker: wait for it, then reload. */
  async function underServiceWorker(page: Page): Promise<void> {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  async function writeNote(page: Page, service: string, note: string): Promise<void> {
    await page.getByLabel('Service').fill(service);
    await page.getByLabel('Note', { exact: true }).fill(note);
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText('It will be sent automatically').waitFor();
    await page.locator('[data-testid="note"]', { hasText: note }).waitFor();
  }

  const waiting = (page: Page) =>
    page.getByTestId('sync-waiting').getAttribute('data-count').then(Number);

  it('works offline after a reload and delivers each note once when back online', async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    await enrol(page, 'Central Library');
    // The demo history of this access point arrives by the first pull.
    await page.locator('[data-testid="note"]', { hasText: 'Green bin missed twice' }).waitFor();
    await underServiceWorker(page);
    expect(await axeViolations(page)).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Contact notes', level: 1 }).waitFor();
    await page.getByText('Offline — your work is saved on this device').waitFor();

    const stamp = Date.now();
    const notes = [1, 2, 3].map((n) => `Offline note ${n} <b>not bold</b> ${stamp}`);
    for (const [i, note] of notes.entries()) await writeNote(page, `Service ${i + 1}`, note);
    await expect.poll(() => waiting(page)).toBe(3);
    expect(await page.locator('[data-state="pending"]').count()).toBe(3);
    // Markup typed by a person is shown as text, never rendered.
    expect(await page.locator('.note__body b').count()).toBe(0);
    for (const note of notes) expect(notesOnServer(note)).toBe(0);

    await context.setOffline(false);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count') === '0',
      undefined,
      { timeout: 30_000 },
    );
    for (const note of notes) expect(notesOnServer(note)).toBe(1);
    // The list follows the outbox through its own live query: give it a moment to re-render.
    await expect
      .poll(() => page.locator('[data-state="synced"]', { hasText: `${stamp}` }).count())
      .toBe(3);

    // Every other screen passes axe too, and the diagnostics show storage and the worker.
    for (const [link, heading] of [
      ['Needs attention', 'Needs attention'],
      ['Diagnostics', 'Diagnostics'],
      ['About', 'About AnyDoor'],
    ] as const) {
      await navTo(page, link);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
    await navTo(page, 'Diagnostics');
    await expect.poll(() => page.getByTestId('diag-app').textContent()).toContain('Active');
    await expect.poll(() => page.getByTestId('diag-storage').textContent()).toMatch(/Used.*B/);
    await context.close();
  });

  it('keeps a note written before the page was closed, and sends both once', async () => {
    const context = await browser.newContext();
    let page = await context.newPage();
    await enrol(page, 'Northam Civic Centre');
    await underServiceWorker(page);
    await context.setOffline(true);
    const first = `Before closing ${Date.now()}`;
    await writeNote(page, 'Housing repair', first);
    await page.close();

    page = await context.newPage();
    await page.goto(`${server.url}/notes`);
    await page.locator('[data-state="pending"]', { hasText: first }).waitFor();
    const second = `After reopening ${Date.now()}`;
    await writeNote(page, 'Pothole', second);
    await expect.poll(() => waiting(page)).toBe(2);

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count') === '0',
      undefined,
      { timeout: 30_000 },
    );
    expect(notesOnServer(first)).toBe(1);
    expect(notesOnServer(second)).toBe(1);
    await context.close();
  });

  it('is installable: a valid manifest with real icons and a service worker', async () => {
    // Installability needs a real profile: a fresh context counts as incognito.
    const context = await launchPersistentContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as {
      errors: unknown[];
      url: string;
    };
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toContain('manifest.webmanifest');
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: unknown[];
    };
    expect(installability.installabilityErrors).toEqual([]);
    const icon = await page.request.get(`${server.url}/pwa-512x512.png`);
    expect(icon.headers()['content-type']).toBe('image/png');
    await context.close();
  });
});
