// Hostile text in Chromium: a volunteer records a case whose details are script, markup, an
// RTL override and mixed scripts; the officer who owns it adds a note and a reason of the same
// kind. On every screen that shows them (both devices, through the hub) the text reads as text:
// no injected element or handler reaches the DOM, no injected script runs, and the page breaks no
// rule of its Content-Security-Policy.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const DETAILS =
  'Bin <img src=x onerror="window.__pwned=1"> missed <script>window.__pwned=2</script> ' +
  "at \u202Eevil\u202C flats 👩‍👩‍👧‍👦 مرحبا 你好 Привет'); drop table cases;--";
const NOTE =
  '<svg/onload="window.__pwned=3"><b onmouseover="window.__pwned=4">bold?</b> javascript:alert(1)';
const REASON = '"><iframe src="javascript:window.__pwned=5"></iframe>&amp; <a href=x>link</a>';

declare global {
  interface Window {
    __pwned?: number;
    __cspViolations?: string[];
  }
}

/** What the DOM holds that the app would never render itself. */
async function injected(page: Page) {
  return page.evaluate(() => ({
    pwned: window.__pwned,
    csp: window.__cspViolations ?? [],
    // The app draws no inline SVG or frame and has no inline script: any here were injected.
    elements: [
      ...document.querySelectorAll('img[src="x"], svg, iframe, script:not([src]), a[href="x"]'),
    ].map((el) => el.outerHTML.slice(0, 80)),
    handlers: [...document.querySelectorAll('*')]
      .filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
      .map((el) => el.outerHTML.slice(0, 80)),
  }));
}

async function expectInert(page: Page, texts: string[]) {
  const body = (await page.locator('body').textContent()) ?? '';
  for (const text of texts) expect(body).toContain(text);
  expect(await injected(page)).toEqual({ pwned: undefined, csp: [], elements: [], handlers: [] });
}

describe('hostile text in Chromium', () => {
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

  async function device(place: string, mode: 'Counter' | 'Tablet') {
    const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, place);
    await storage.close();
    const context = await browser.newContext();
    // Record any breach of the page's Content-Security-Policy (an inline script would be one).
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations?.push(
          `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill(`${mode} at ${place}`);
    await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await signIn(page, place === 'civic-centre' ? 'alun-davies' : 'sam-lee');
    await page.getByTestId('finder-search').waitFor();
    await navTo(page, 'Pack');
    await page.getByText(/holds pack version 1/).waitFor({ timeout: 30_000 });
    return { context, page };
  }

  async function syncNow(page: Page) {
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count') === '0',
    );
  }

  it('shows script, markup and bidi text as text on every screen, and runs none of it', async () => {
    const tablet = await device('mobile-library-2', 'Tablet');
    const officer = await device('civic-centre', 'Counter');

    await tablet.page.goto(`${server.url}/cases/new`);
    await tablet.page.getByRole('radio', { name: 'Complaint' }).check();
    await tablet.page.getByLabel('Service').selectOption('missed-bin-collection');
    await tablet.page.getByLabel('What happened').fill(DETAILS);
    await tablet.page.getByLabel('Postcode', { exact: true }).fill('NM8 2LP');
    await tablet.page.getByRole('button', { name: 'Save and give the reference' }).click();
    const reference = (await tablet.page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z*]$/);
    await tablet.page.getByRole('link', { name: 'Open the case' }).click();
    await tablet.page.getByTestId('case-trail').waitFor();
    await expectInert(tablet.page, [DETAILS]);
    await syncNow(tablet.page);

    // The owning council's officer, through the hub.
    await syncNow(officer.page);
    await officer.page.goto(`${server.url}/queue`);
    const row = officer.page.getByTestId('queue').locator('li', { hasText: reference });
    await row.waitFor({ timeout: 30_000 });
    await expectInert(officer.page, [reference]);
    await row.getByRole('link').click();
    await officer.page.getByTestId('case-trail').waitFor();
    await expectInert(officer.page, [DETAILS]);
    await officer.page.getByLabel('Note', { exact: true }).fill(NOTE);
    await officer.page.getByRole('button', { name: 'Add note' }).click();
    await officer.page.getByTestId('case-trail').getByText(NOTE).waitFor();
    await officer.page.getByLabel('Reason to give it priority').fill(REASON);
    await officer.page.getByRole('button', { name: 'Jump the queue' }).click();
    await officer.page.getByText(`Priority: ${REASON}`).waitFor();
    await expectInert(officer.page, [DETAILS, NOTE, REASON]);
    const caseUrl = officer.page.url();
    await syncNow(officer.page);

    // Back on the tablet that captured it, after a sync.
    await syncNow(tablet.page);
    await tablet.page.goto(caseUrl);
    await tablet.page.getByTestId('case-trail').getByText(NOTE).waitFor({ timeout: 30_000 });
    // The escalation needs a signed-in officer on the hub, so only the note travels here.
    await expectInert(tablet.page, [DETAILS, NOTE]);

    // The citizen's page carries no free text at all, hostile or not.
    const phone = await browser.newContext();
    const citizen = await phone.newPage();
    await citizen.goto(`${server.url}/track/${reference}`);
    await citizen.getByText('The team added an update').waitFor();
    const page = await citizen.content();
    expect(page).not.toContain('window.__pwned');
    expect(await citizen.evaluate(() => window.__pwned)).toBeUndefined();

    await phone.close();
    await tablet.context.close();
    await officer.context.close();
  });
});
