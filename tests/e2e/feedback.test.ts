// Feedback in Chromium against the real server: a kiosk citizen finishes a flow offline, taps a
// face and a reason, and the kiosk resets; back online the feedback reaches the hub and the
// kiosk keeps nothing of it. At a counter a follow-up is consented, the hub's sender writes the
// message to the outbox file, and the survey link from it is answered (axe-clean, in Arabic).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage, type Storage } from '../../src/server/storage.ts';
import { axeViolations, launchBrowser, servicesHeld, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const COMMENT = 'Queue-by-the-door-7731';

/** Runs in the page: every row of every store of the app's database, as one string. */
async function storedInIndexedDb(): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('anydoor');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const parts: string[] = [];
  for (const store of Array.from(db.objectStoreNames)) {
    const rows = await new Promise<unknown[]>((resolve) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => resolve([]);
    });
    parts.push(`${store}:${JSON.stringify(rows)}`);
  }
  db.close();
  return parts.join('\n');
}

describe('feedback and the follow-up survey, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    // The follow-up sender runs every second here (every minute by default).
    server = await startServerProcess({ FOLLOWUP_INTERVAL_MS: '1000' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const withStore = async <T>(work: (storage: Storage) => Promise<T>): Promise<T> => {
    const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
    try {
      return await work(storage);
    } finally {
      await storage.close();
    }
  };

  async function enrolled(mode: 'Counter' | 'Kiosk') {
    const code = await withStore((storage) => issueEnrolmentCode(storage, 'central-library'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(`${mode} device`);
    await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await expect
      .poll(() => servicesHeld(page), { timeout: 30_000, interval: 250 })
      .toBeGreaterThan(900);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    if (mode === 'Counter') await signIn(page, 'tom-evans');
    return { context, page };
  }

  async function finishFlow(page: Page, search: string, serviceId: string): Promise<void> {
    await page.getByTestId('finder-search').fill(search);
    const card = page
      .getByTestId('service-card')
      .filter({ has: page.locator(`a[href="/services/${serviceId}"]`) });
    await card.getByTestId('do-it-here').click();
    await page.getByTestId('flow-progress').waitFor();
    for (let guard = 0; guard < 12; guard++) {
      if (await page.getByTestId('flow-outcome').isVisible()) break;
      const answers = page.getByTestId('flow-answers').getByRole('button');
      if ((await answers.count()) > 0) await answers.last().click();
      else await page.getByTestId('flow-continue').click();
    }
    await page.getByTestId('flow-finish').click();
    await page.getByTestId('feedback-panel').waitFor();
  }

  it('a kiosk citizen gives feedback offline; the kiosk resets; it reaches the hub and leaves nothing behind', async () => {
    const { context, page } = await enrolled('Kiosk');
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('kiosk-start').click();
    await finishFlow(page, 'missed bin', 'missed-bin-collection');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('feedback-face-2').click();
    await page.getByTestId('feedback-reason-waited-too-long').click();
    await page.getByLabel('Anything else? (optional)').fill(COMMENT);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-thanks').waitFor();
    // The session ends: the attract screen again, the feedback waiting in the outbox.
    await page.getByTestId('kiosk-start').waitFor({ timeout: 15_000 });
    expect(await page.content()).not.toContain(COMMENT);
    expect(await page.evaluate(storedInIndexedDb)).toContain('"kind":"feedback.give"');

    await context.setOffline(false);
    await expect
      .poll(
        () =>
          withStore(async (storage) =>
            (await storage.feedback.listFeedback({ accessPointId: 'central-library' })).find(
              (f) => f.comment === COMMENT,
            ),
          ),
        { timeout: 60_000, interval: 500 },
      )
      .toMatchObject({
        rating: 2,
        reason: 'waited-too-long',
        mode: 'kiosk',
        channel: 'kiosk',
        service_id: 'missed-bin-collection',
      });
    // Linked to the contact the flow recorded just before.
    const linked = await withStore(async (storage) =>
      (await storage.feedback.listFeedback()).find((f) => f.comment === COMMENT),
    );
    const contacts = await withStore((storage) => storage.contacts.listContacts());
    expect(contacts.some((c) => c.id === linked?.contact_id && c.channel === 'kiosk')).toBe(true);
    // Acknowledged: not in the outbox, the journal or anywhere else on the kiosk.
    await expect
      .poll(() => page.evaluate(storedInIndexedDb), { timeout: 30_000, interval: 500 })
      .not.toContain(COMMENT);
    await context.close();
  });

  it('the four faces and the consent pass axe right to left, in Arabic, and Skip dismisses them', async () => {
    const { context, page } = await enrolled('Counter');
    await page.getByLabel('Language').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await finishFlow(page, 'missed bin', 'missed-bin-collection');
    await page.getByTestId('feedback-face-1').click();
    await page.getByTestId('feedback-reason-language').click();
    await page.getByTestId('followup-consent').check();
    expect(await axeViolations(page)).toEqual([]);
    // Every face is a big target.
    for (const face of await page.locator('.feedback__face').all()) {
      const box = await face.boundingBox();
      expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
    await page.getByTestId('feedback-skip').click();
    await page.getByTestId('feedback-panel').waitFor({ state: 'detached' });
    // Skipped: nothing was queued for it.
    expect(await page.evaluate(storedInIndexedDb)).not.toContain('"kind":"feedback.give"');
    await context.close();
  });

  it('a counter records consent to a follow-up; the survey is sent and answered in Arabic', async () => {
    const { context, page } = await enrolled('Counter');
    await finishFlow(page, 'missed bin', 'missed-bin-collection');
    await page.getByTestId('feedback-face-4').click();
    await page.getByTestId('followup-consent').check();
    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByTestId('followup-address').fill('amina@example.org');
    await page.getByLabel('Language of the survey').selectOption('ar');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-thanks').waitFor();
    await page.getByTestId('feedback-panel').waitFor({ state: 'detached' });

    // The hub's sender writes the message to the outbox file.
    const outbox = join(server.dataDir, 'outbox', 'messages.jsonl');
    const message = await (async () => {
      for (let i = 0; i < 120; i++) {
        await page.getByRole('button', { name: 'Sync now' }).click();
        const lines = existsSync(outbox) ? readFileSync(outbox, 'utf8').split('\n') : [];
        const found = lines
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { to: string; link: string; language: string })
          .find((m) => m.to === 'amina@example.org');
        if (found) return found;
        await page.waitForTimeout(500);
      }
      throw new Error('no message in the outbox file');
    })();
    expect(message.language).toBe('ar');
    expect(message.link.startsWith(`${server.url}/survey/`)).toBe(true);

    // The citizen opens the link on their own phone: no app, no service worker.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const survey = await phone.newPage();
    await survey.goto(`${message.link}?lang=en`);
    await survey.getByRole('heading', { name: 'How did we do?' }).waitFor();
    expect(await axeViolations(survey)).toEqual([]);
    await survey.goto(message.link);
    expect(await survey.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await survey.evaluate(() => document.documentElement.lang)).toBe('ar');
    expect(await axeViolations(survey)).toEqual([]);
    await survey.locator('input[name="courteous"][value="yes"]').check();
    await survey.locator('input[name="solved"][value="partly"]').check();
    await survey.locator('textarea[name="comment"]').fill('<b>شكرًا</b>');
    await survey.getByRole('button', { name: 'إرسال إجاباتي' }).click();
    await survey.getByRole('heading', { name: 'شكرًا لك' }).waitFor();
    expect(await axeViolations(survey)).toEqual([]);
    const answered = await withStore(async (storage) =>
      (await storage.feedback.listFollowups()).find((f) => f.comment === '<b>شكرًا</b>'),
    );
    expect(answered).toMatchObject({
      courteous: 1,
      solved: 0.5,
      comment: '<b>شكرًا</b>',
      address: null,
      language: 'ar',
    });
    // The link works once.
    await survey.goto(message.link);
    await survey.getByRole('heading', { name: 'تمت الإجابة مسبقًا' }).waitFor();
    await phone.close();
    await context.close();
  });
});
