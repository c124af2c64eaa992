// Debian's Chromium driven by playwright-core (never a downloaded browser), plus axe checks.
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** A browser with a real (throw-away) profile, for what incognito contexts cannot do. */
export function launchPersistentContext(): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-profile-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
}

/** WCAG 2.2 AA violations on the page as it is now, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** How many services the page's device holds in IndexedDB (the pack has arrived at ~980). */
export function servicesHeld(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('anydoor');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains('services')) return 0;
      return await new Promise<number>((resolve) => {
        const req = db.transaction('services').objectStore('services').count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(0);
      });
    } finally {
      db.close();
    }
  });
}

/** The staff device's lock screen: choose the demo person, type their PIN, wait until in. */
export async function signIn(page: Page, staffId: string): Promise<void> {
  const person = DEMO_STAFF.find((p) => p.id === staffId);
  if (!person) throw new Error(`no demo person ${staffId}`);
  // The place's staff list arrives with the first sync after enrolment (slow on a busy
  // machine: these wait for what they need, with room to spare).
  await page
    .getByRole('button', { name: new RegExp(`^${person.name}`) })
    .click({ timeout: 90_000 });
  await page.getByLabel(/^PIN/).fill(person.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByTestId('signed-in').waitFor({ timeout: 60_000 });
}

/**
 * Opens a screen from the staff masthead by its link's name: a role's everyday links are in
 * the navigation's first row, the rest under "More" (opened here when the link is not shown).
 */
export async function navTo(page: Page, name: string | RegExp): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name, exact: typeof name === 'string' });
  // The navigation's links load just after the first paint.
  await nav.getByRole('button', { name: 'More' }).waitFor();
  if (!(await link.isVisible())) {
    const more = nav.getByRole('button', { name: 'More' });
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  await link.click();
}

/**
 * Enrols the page's device at `url` with a one-time code and signs in: what every staff suite
 * does first.
 */
export async function enrolAndSignIn(
  page: Page,
  url: string,
  code: string,
  staffId: string,
  deviceName = 'Counter',
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Enrolment code').fill(code);
  await page.getByLabel('Name for this device').fill(deviceName);
  await page.getByRole('button', { name: 'Enrol device' }).click();
  await signIn(page, staffId);
}

/**
 * Waits for a studio page's hub data. A page load ends the hub session (it is kept in memory
 * only), so where the page asks for the person's secret again it is typed, then the data is
 * waited for. Waiting on either first matters: the question appears a moment after the page.
 */
export async function loadWithHubSession(
  page: Page,
  loaded: Locator,
  staffId: string,
  secretLabel: RegExp = /^PIN or passphrase/,
  loadButton: RegExp = /^Load$/,
): Promise<void> {
  const secret = page.getByLabel(secretLabel);
  await loaded.or(secret).first().waitFor({ timeout: 30_000 });
  if (await secret.isVisible()) {
    await secret.fill(DEMO_STAFF.find((s) => s.id === staffId)?.pin ?? '');
    await page.getByRole('button', { name: loadButton }).click();
  }
  await loaded.waitFor({ timeout: 30_000 });
}
