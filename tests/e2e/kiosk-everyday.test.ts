// The kiosk as citizens meet it (issue 17), in Chromium: a service's page in the citizen's own
// words only (no staff scripts, no internal step ids); four faces told apart by colour AND
// shape, every target at least 48 px, one rating however many times Send is pressed; in
// Arabic, phone numbers and references keep their left-to-right order; the Start button is
// centred; a font stack that covers all six languages (Chinese draws with a CJK face). Axe on
// each screen, screenshots (SHOTS_DIR) in English, Polish, Arabic and Chinese.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { enrolDoor, shootBoth } from '../helpers/door-devices.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('everyday use at the kiosk, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const built = process.env.STATIC_DIR ?? 'dist';
    if (!existsSync(`${built}/index.html`)) throw new Error('Build the app first: npm run build');
    server = await startServerProcess();
    browser = await launchBrowser();
    ({ context, page } = await enrolDoor(server, browser, 'central-library', 'Kiosk'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function axeClean(where: string) {
    expect(await axeViolations(page), where).toEqual([]);
  }

  /** A fresh kiosk session (the wipe reloads), started in `language`. */
  async function startIn(language: string) {
    await page.goto(server.url);
    await page.getByTestId('kiosk-start').waitFor();
    await page.getByRole('button', { name: language, exact: true }).click();
    await page.getByTestId('finder-search').waitFor();
  }

  async function openMissedBins() {
    await page.getByTestId('finder-search').fill('missed bin');
    await page.getByTestId('service-card').first().waitFor();
  }

  it('centres the Start button under the welcome, at 1280 and 375 px', async () => {
    await page.goto(server.url);
    const start = page.getByTestId('kiosk-start');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      const box = await start.boundingBox();
      const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
      if (!box || !heading) throw new Error('no Start button');
      expect(Math.abs(box.x + box.width / 2 - width / 2), `width ${width}`).toBeLessThan(2);
      expect(Math.abs(heading.x + heading.width / 2 - width / 2)).toBeLessThan(2);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await axeClean('attract');
    await shootBoth(page, 'kiosk-attract-en');
  });

  it('declares a font for every interface language, Chinese included', async () => {
    await startIn('简体中文');
    const fonts = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(fonts).toContain('Noto Sans CJK SC');
    expect(fonts).toContain('Noto Sans Arabic');
    // The machine has the face the stack names, so no character falls back to an empty box.
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '服务'))).toBe(
      true,
    );
    await openMissedBins();
    await axeClean('finder zh-Hans');
    await shootBoth(page, 'kiosk-finder-zh-Hans');
    await page.getByTestId('service-card').first().getByRole('link').first().click();
    await page.locator('#service-title').waitFor();
    await shootBoth(page, 'kiosk-service-zh-Hans');
  });

  it('keeps phone numbers and references left to right in Arabic', async () => {
    await startIn('العربية');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await openMissedBins();
    const card = page.getByTestId('service-card').filter({ hasText: '500500' }).first();
    await card.waitFor();
    // Where each group of digits is drawn: "01234" must sit left of "500500", as written.
    const order = await card.evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const at = text.indexOf('01234 500500');
        if (at < 0) continue;
        const box = (from: number, to: number) => {
          const range = document.createRange();
          range.setStart(node, from);
          range.setEnd(node, to);
          return range.getBoundingClientRect().left;
        };
        return { first: box(at, at + 5), second: box(at + 6, at + 12) };
      }
      return null;
    });
    expect(order).not.toBeNull();
    expect(order!.first).toBeLessThan(order!.second);
    await axeClean('finder ar');
    await shootBoth(page, 'kiosk-finder-ar');
  });

  it('shows citizens their own wording on a service page: no staff scripts, no step ids', async () => {
    await startIn('English');
    await openMissedBins();
    await page
      .getByTestId('service-card')
      .filter({ hasText: 'Report a missed bin collection' })
      .getByRole('link', { name: 'Report a missed bin collection' })
      .click();
    await page.getByRole('heading', { name: 'Report a missed bin collection', level: 1 }).waitFor();
    const body = (await page.getByRole('main').textContent()) ?? '';
    expect(body).not.toContain('Staff says');
    expect(body).not.toContain('Can I take your postcode');
    expect(body).not.toMatch(/put-out-late|capture-priority|check-address|→ step/);
    expect(body).not.toMatch(/northam-district-council|waste-collection/);
    expect(body).toContain('We will collect your missed bin within 2 working days');
    await page.getByRole('link', { name: 'Do it here' }).waitFor();
    await axeClean('service kiosk');
    await shootBoth(page, 'kiosk-service-en');
  });

  it('in Arabic, carries the postcode from the flow into the citizen’s request, in memory only', async () => {
    await startIn('العربية');
    await openMissedBins();
    await page.getByTestId('service-card').first().getByRole('link').first().click();
    await page.locator('#service-title').waitFor();
    await axeClean('service ar');
    await shootBoth(page, 'kiosk-service-ar');
    // The kiosk's service page offers the guided flow in the citizen's words.
    await page.locator('#main a[href$="/flow"]').click();
    const fields = page.getByTestId('flow-fields').getByRole('textbox');
    await fields.first().fill('NM1 4AB');
    await fields.nth(1).fill('4 Mill Lane');
    await shootBoth(page, 'kiosk-flow-postcode-ar');
    await page.getByTestId('flow-continue').click();
    await page.getByTestId('flow-answers').getByRole('button').first().click();
    await page.getByTestId('flow-answers').getByRole('button').first().click();
    await page.getByTestId('flow-finish').click();
    const form = page.locator('form');
    await form.waitFor();
    const values = await form
      .getByRole('textbox')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(values).toContain('NM1 4AB');
    expect(values).toContain('4 Mill Lane');
    // Never in the browser's history (it outlives the session's wipe), nor in any storage.
    expect(await page.evaluate(() => JSON.stringify(history.state))).not.toContain('NM1 4AB');
    expect(
      await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage })),
    ).not.toContain('NM1 4AB');
    await axeClean('kiosk request ar');
    await shootBoth(page, 'kiosk-request-ar');
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('kiosk-reference').waitFor();
    expect(await page.getByTestId('kiosk-reference').locator('bdi[dir="ltr"]').count()).toBe(1);
    await axeClean('kiosk reference ar');
    await shootBoth(page, 'kiosk-reference-ar');
  });

  it('four faces, told apart by colour and shape, big enough, one rating however often Send is pressed', async () => {
    await startIn('Polski');
    await openMissedBins();
    await page.getByTestId('service-card').first().getByTestId('do-it-here').click();
    // The kiosk asks for the postcode in the flow too.
    await page.getByRole('textbox', { name: 'Kod pocztowy' }).fill('NM1 4AB');
    await page.getByTestId('flow-continue').click();
    await page.getByTestId('flow-answers').getByRole('button').nth(1).click();
    await page.getByTestId('flow-finish').click();
    const panel = page.getByTestId('feedback-panel');
    await panel.waitFor();

    const faces = await panel.locator('.feedback__face').evaluateAll((buttons) =>
      buttons.map((b) => {
        const svg = b.querySelector('svg');
        const outline = svg?.firstElementChild;
        return {
          shape: svg?.getAttribute('data-shape'),
          fill: outline ? getComputedStyle(outline).fill : '',
          width: b.getBoundingClientRect().width,
          height: b.getBoundingClientRect().height,
        };
      }),
    );
    expect(faces).toHaveLength(4);
    expect(new Set(faces.map((f) => f.shape)).size).toBe(4);
    expect(new Set(faces.map((f) => f.fill)).size).toBe(4);
    await shootBoth(page, 'kiosk-faces-pl');
    await page.getByTestId('feedback-face-4').click();
    await axeClean('faces pl');
    // Every target in the panel at least 48 by 48 px.
    const small = await panel.locator('button, input, textarea, a').evaluateAll((controls) =>
      controls
        .map((c) => ({ name: c.textContent, box: c.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 48 || box.height < 48))
        .map(({ name }) => name),
    );
    expect(small).toEqual([]);
    await shootBoth(page, 'kiosk-faces-chosen-pl');

    // A flood of presses (faster than the screen can redraw): one rating leaves, no more.
    await context.setOffline(true);
    await panel.getByTestId('feedback-send').evaluate((send) => {
      for (let i = 0; i < 12; i++) (send as HTMLButtonElement).click();
    });
    await page.getByTestId('feedback-thanks').waitFor();
    const ratings = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('anydoor');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = await new Promise<{ op: { kind: string } }[]>((resolve) => {
        const req = db.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => resolve(req.result as { op: { kind: string } }[]);
      });
      db.close();
      return all.filter((entry) => entry.op.kind === 'feedback.give').length;
    });
    expect(ratings).toBe(1);
    await context.setOffline(false);
  });
});
