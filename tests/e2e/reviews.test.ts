// Reviews in Chromium: a citizen reviews a service at a kiosk with the cable out; once online
// the review leaves the kiosk; a partner's manager approves it on the hub; the service page of
// another device shows it, offline. axe on every screen on the way.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

// Hostile markup inside: wherever the review is shown, it must read as text and run nothing.
const REVIEW = `Bin collected next day <img src=x onerror="window.__pwned=1"> ${Date.now().toString(36)}`;

declare global {
  interface Window {
    __pwned?: number;
  }
}

/** Runs in the page: whether the review's markup became elements or ran. */
function injected(): { pwned: number | undefined; images: number } {
  return { pwned: window.__pwned, images: document.querySelectorAll('img[src="x"]').length };
}

/** Runs in the page: how many rows one IndexedDB store of the app holds. */
async function countRows(store: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('anydoor');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains(store)) return 0;
    return await new Promise<number>((resolve) => {
      const req = db.transaction(store).objectStore(store).count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(0);
    });
  } finally {
    db.close();
  }
}

describe('citizens’ reviews, in Chromium', () => {
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

  async function enrolled(mode: 'Counter' | 'Kiosk', place: string, person?: string) {
    const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, place);
    await storage.close();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(`${mode} device`);
    await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await expect
      .poll(() => page.evaluate(countRows, 'services'), { timeout: 30_000, interval: 250 })
      .toBeGreaterThan(900);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    if (person) await signIn(page, person);
    return { context, page };
  }

  async function openService(page: Page, kiosk: boolean) {
    await page.goto(`${server.url}/services/missed-bin-collection`);
    if (kiosk) await page.getByTestId('kiosk-start').click();
    await page.getByTestId('service-reviews').waitFor({ timeout: 30_000 });
  }

  it('a citizen reviews a service from their own phone, with no app and no script', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/review/blue-badge?lang=pl`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('script').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: '5 – Bardzo dobrze' }).check();
    await page.getByLabel('Twoja opinia').fill('Wniosek złożony w bibliotece, szybka decyzja.');
    await page.getByRole('button', { name: 'Wyślij opinię' }).click();
    await page.getByText('Opinia pojawi się po sprawdzeniu.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('a kiosk review written offline is approved by a manager and shows on another device', async () => {
    // The kiosk: offline, a citizen rates the service and writes a few words.
    const kiosk = await enrolled('Kiosk', 'civic-centre-kiosk');
    await kiosk.context.setOffline(true);
    await openService(kiosk.page, true);
    // The demo's published reviews are there offline already.
    await kiosk.page.getByTestId('review-summary').first().waitFor();
    expect(await axeViolations(kiosk.page)).toEqual([]);
    const form = kiosk.page.getByTestId('review-form');
    // A kiosk asks for no name: its reviews are anonymous.
    expect(await form.getByLabel('Name to show (optional)').count()).toBe(0);
    await form.getByRole('radio', { name: '4 – Good' }).check();
    await form.getByLabel('Your review').fill(REVIEW);
    await form.getByRole('button', { name: 'Send review' }).click();
    await kiosk.page
      .getByTestId('review-status')
      .getByText('Your review will appear once it has been checked')
      .waitFor();
    expect(await axeViolations(kiosk.page)).toEqual([]);
    expect(await kiosk.page.evaluate(countRows, 'outbox')).toBe(1);
    // Not shown anywhere until a moderator has read it.
    expect(await kiosk.page.getByText(REVIEW).count()).toBe(0);

    // Back online: the review goes to the hub and leaves the kiosk (outbox, journal: nothing).
    await kiosk.context.setOffline(false);
    await expect
      .poll(() => kiosk.page.evaluate(countRows, 'outbox'), { timeout: 60_000, interval: 500 })
      .toBe(0);
    expect(await kiosk.page.evaluate(countRows, 'journal')).toBe(0);
    await kiosk.context.close();

    // The district's manager, at the civic centre, approves it on the hub.
    const manager = await enrolled('Counter', 'civic-centre', 'priya-shah');
    await navTo(manager.page, 'Reviews');
    const card = manager.page.getByTestId('moderation-review').filter({ hasText: REVIEW });
    // The hub session opened at unlock may still be on its way: then the view asks for the PIN.
    const load = manager.page.getByRole('button', { name: 'Load' });
    await card.or(load).first().waitFor({ timeout: 30_000 });
    if (await load.isVisible()) {
      await manager.page.getByLabel(/^PIN/).fill('2468024680');
      await load.click();
    }
    await card.waitFor({ timeout: 30_000 });
    expect(await axeViolations(manager.page)).toEqual([]);
    // The demo's flagged reviews wait too, with their flags shown.
    await manager.page
      .getByTestId('moderation-review')
      .filter({ hasText: 'Officer Jenkins' })
      .getByText('Names a person')
      .waitFor();
    expect(await manager.page.evaluate(injected)).toEqual({ pwned: undefined, images: 0 });
    await card.getByRole('button', { name: 'Approve and publish' }).click();
    await manager.page.getByText('Published: every device will show it').waitFor();
    expect(
      await manager.page.getByTestId('moderation-review').filter({ hasText: REVIEW }).count(),
    ).toBe(0);
    await manager.context.close();

    // Another door: the service page shows the review, offline once synced.
    const counter = await enrolled('Counter', 'central-library', 'tom-evans');
    await openService(counter.page, false);
    const shown = counter.page.getByTestId('review').filter({ hasText: REVIEW });
    await shown.waitFor({ timeout: 60_000 });
    await counter.context.setOffline(true);
    await counter.page.reload();
    await counter.page
      .getByTestId('signed-in')
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await openService(counter.page, false);
    await counter.page.getByTestId('review').filter({ hasText: REVIEW }).waitFor();
    expect(await counter.page.evaluate(injected)).toEqual({ pwned: undefined, images: 0 });
    await expect.poll(() => counter.page.getByText('Anonymous').count()).toBeGreaterThan(0);
    expect(await axeViolations(counter.page)).toEqual([]);
    await counter.context.close();
  });
});
