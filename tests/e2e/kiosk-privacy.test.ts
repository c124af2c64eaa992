// A kiosk keeps nothing a citizen typed once the hub has it. In Chromium against the real
// server: a citizen at the Civic Centre foyer kiosk runs a guided flow that ends in a request,
// types a name, phone, email, address and details on the citizen's own request form, sends it
// and sees a reference; the hub gets it; then the session ends, by "Finish and clear" and by
// the idle wipe. Every IndexedDB database and store, localStorage, sessionStorage, Cache
// Storage, history.state and the DOM are searched for each typed string. Offline, the strings
// stay only in the outbox entry (no write lost) until the kiosk is back online and has sent it.
// The hub counts one contact per citizen served.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { axeViolations, launchBrowser, servicesHeld } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Where a page's origin can keep anything, each part as a string to search. */
interface Stored {
  /** `<database>/<store>` → every value, stringified. */
  indexedDb: Record<string, string>;
  localStorage: string;
  sessionStorage: string;
  cacheStorage: string;
  historyState: string;
  body: string;
}

/** Runs in the page: everything this origin holds, and what the page shows. */
async function storedEverywhere(): Promise<Stored> {
  const indexedDb: Record<string, string> = {};
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name as string);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => resolve([]);
      });
      indexedDb[`${info.name}/${store}`] = JSON.stringify(rows);
    }
    db.close();
  }
  const cached: string[] = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      cached.push(request.url, await ((await cache.match(request))?.text() ?? ''));
    }
  }
  return {
    indexedDb,
    localStorage: JSON.stringify({ ...localStorage }),
    sessionStorage: JSON.stringify({ ...sessionStorage }),
    cacheStorage: cached.join('\n'),
    historyState: JSON.stringify(history.state ?? null),
    body: document.body.innerHTML,
  };
}

/** Each place that holds `value`, e.g. `indexedDB anydoor/outbox` or `DOM`. */
function placesHolding(stored: Stored, value: string): string[] {
  const found = Object.entries(stored.indexedDb)
    .filter(([, rows]) => rows.includes(value))
    .map(([store]) => `indexedDB ${store}`);
  const others: [string, string][] = [
    ['localStorage', stored.localStorage],
    ['sessionStorage', stored.sessionStorage],
    ['Cache Storage', stored.cacheStorage],
    ['history.state', stored.historyState],
    ['DOM', stored.body],
  ];
  return [...found, ...others.filter(([, text]) => text.includes(value)).map(([name]) => name)];
}

/** Runs in the page: the kiosk's idle timings (real kiosks: 90 s, then a 20 s warning). */
async function setIdle([idleSeconds, warnSeconds]: [number, number]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const open = indexedDB.open('anydoor');
    open.onsuccess = () => resolve(open.result);
  });
  await new Promise((resolve) => {
    const tx = db.transaction('settings', 'readwrite');
    tx.objectStore('settings').put({ key: 'kiosk', idleSeconds, warnSeconds });
    tx.oncomplete = resolve;
  });
  db.close();
}

/** Runs in the page: how many ops wait in the outbox. */
async function outboxCount(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const open = indexedDB.open('anydoor');
    open.onsuccess = () => resolve(open.result);
  });
  try {
    return await new Promise<number>((resolve) => {
      const req = db.transaction('outbox').objectStore('outbox').count();
      req.onsuccess = () => resolve(req.result);
    });
  } finally {
    db.close();
  }
}

/** One citizen's distinctive strings: none of them occurs anywhere else. */
function citizen(tag: string) {
  return {
    name: `Zofia Qx${tag}wy`,
    phone: `07700 9${tag}417`,
    email: `zofia.qx${tag}@example.org`,
    address: `${tag} Qx${tag}wa Lane`,
    details: `Lid-Qx${tag}-cracked-by-crew`,
  };
}

describe('a kiosk keeps nothing a citizen typed', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let deviceId: string;

  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    server = await startServerProcess();
    browser = await launchBrowser();
    const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
    const code = await issueEnrolmentCode(storage, 'civic-centre-kiosk');
    await storage.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(code);
    await page.getByLabel('Name for this device').fill('Foyer kiosk');
    await page.getByRole('radio', { name: /^Kiosk/ }).check();
    await page.getByRole('button', { name: 'Enrol device' }).click();
    // The pack arrives with the first sync (expect.poll is for tests, not hooks).
    for (const start = Date.now(); (await servicesHeld(page)) <= 900;) {
      if (Date.now() - start > 90_000) throw new Error('the pack never arrived');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Long enough that nobody is wiped while typing on a busy machine.
    await page.evaluate(setIdle, [600, 10] as [number, number]);
    deviceId = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('anydoor');
        open.onsuccess = () => resolve(open.result);
      });
      const device = await new Promise<{ deviceId: string }>((resolve) => {
        const req = db.transaction('settings').objectStore('settings').get('device');
        req.onsuccess = () => resolve(req.result as { deviceId: string });
      });
      db.close();
      return device.deviceId;
    });
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** Reads the hub's database (the server keeps writing; this only reads). */
  function hub<T>(read: (db: Database.Database) => T): T {
    const db = new Database(join(server.dataDir, 'anydoor.sqlite'), { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  }
  const hubCase = (reference: string) =>
    hub(
      (db) =>
        db.prepare('select * from cases where reference = ?').get(reference) as
          Record<string, unknown> | undefined,
    );

  /** From the attract screen, a guided flow to its "we can send your request" ending. */
  async function flowToRequest(language: 'Polski' | 'English' = 'English') {
    await page.getByRole('button', { name: language }).click();
    const search = page.getByTestId('finder-search');
    await search.fill(language === 'Polski' ? 'nieodebrany pojemnik' : 'missed bin');
    const card = page
      .getByTestId('service-card')
      .filter({ has: page.locator('a[href="/services/missed-bin-collection"]') });
    await card.getByTestId('do-it-here').click();
    await page.getByTestId('flow-progress').waitFor();
    // The first answer each time: put out on time, assisted collection → a request.
    for (let guard = 0; guard < 12; guard++) {
      if (await page.getByTestId('flow-outcome').isVisible()) break;
      const answers = page.getByTestId('flow-answers').getByRole('button');
      const next = page.getByTestId('flow-continue');
      await answers.first().or(next).waitFor();
      if ((await answers.count()) > 0) await answers.first().click();
      else await next.click();
    }
    await page.getByTestId('flow-finish').click();
    await page.locator('#kiosk-request-title').waitFor();
    expect(new URL(page.url()).pathname).toBe('/request');
  }

  /** Types one citizen's request and sends it; returns the reference shown. */
  async function fillAndSend(typed: ReturnType<typeof citizen>, language: 'en' | 'pl' = 'en') {
    const label = {
      en: {
        more: 'Anything else we should know? (optional)',
        address: 'Where? Address or place (optional)',
        name: 'Your name',
        phone: 'Phone number',
        email: 'Email address',
        consent: 'You agree we may contact you about this request',
        send: 'Send my request',
      },
      pl: {
        more: 'Czy jest coś jeszcze, o czym powinniśmy wiedzieć? (nieobowiązkowe)',
        address: 'Gdzie? Adres lub miejsce (nieobowiązkowe)',
        name: 'Imię i nazwisko',
        phone: 'Numer telefonu',
        email: 'Adres e-mail',
        consent: 'Zgadzam się na kontakt w sprawie tego zgłoszenia',
        send: 'Wyślij zgłoszenie',
      },
    }[language];
    // The citizen's form: no channel, no "recorded by", no photos.
    expect(await page.getByLabel('Channel').count()).toBe(0);
    expect(await page.getByLabel('Recorded by').count()).toBe(0);
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await page.getByTestId('kiosk-request-answers').waitFor();
    await page.getByLabel(label.more).fill(typed.details);
    await page.getByLabel(label.address).fill(typed.address);
    await page.getByLabel(label.name).fill(typed.name);
    await page.getByLabel(label.phone).fill(typed.phone);
    await page.getByLabel(label.email).fill(typed.email);
    // Details without the citizen's agreement are not sent.
    await page.getByRole('button', { name: label.send }).click();
    await page.getByRole('alert').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(label.consent).check();
    await page.getByRole('button', { name: label.send }).click();
    const reference = (await page.getByTestId('kiosk-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z*]$/);
    expect(await axeViolations(page)).toEqual([]);
    return reference;
  }

  async function expectNowhere(typed: ReturnType<typeof citizen>, when: string) {
    const stored = await page.evaluate(storedEverywhere);
    for (const value of Object.values(typed)) {
      expect(placesHolding(stored, value), `${value} ${when}`).toEqual([]);
    }
  }

  it('finish and clear: the hub has the request, the kiosk has nothing of it', async () => {
    const typed = citizen('41');
    await page.getByTestId('kiosk-start').waitFor();
    await flowToRequest();
    const reference = await fillAndSend(typed);
    await expect.poll(() => hubCase(reference), { timeout: 60_000 }).toBeTruthy();
    const row = hubCase(reference)!;
    expect(row).toMatchObject({ channel: 'kiosk', author: 'Foyer kiosk' });
    expect(JSON.parse(row.contact as string)).toMatchObject({
      name: typed.name,
      email: typed.email,
      consent: true,
    });
    expect(row.details).toContain(typed.details);
    // The kiosk has heard back from the hub.
    await expect.poll(() => page.evaluate(outboxCount), { timeout: 60_000 }).toBe(0);
    await page.getByRole('button', { name: 'Finish and clear', exact: true }).click();
    await page.getByTestId('kiosk-start').waitFor();
    await expectNowhere(typed, 'after "Finish and clear"');
    // Back (a keyboard's Alt+←) shows nothing of the last citizen either.
    await page.goBack().catch(() => undefined);
    await page.locator('main').first().waitFor();
    await expectNowhere(typed, 'after going back');
  });

  it('the idle wipe: the hub has the request, the kiosk has nothing of it', async () => {
    const typed = citizen('52');
    // The page's clock runs as usual until the citizen walks away; then it jumps ahead.
    await page.clock.install();
    await page.goto(server.url);
    await page.getByTestId('kiosk-start').waitFor();
    await flowToRequest('Polski');
    const reference = await fillAndSend(typed, 'pl');
    await expect.poll(() => hubCase(reference), { timeout: 60_000 }).toBeTruthy();
    await expect.poll(() => page.evaluate(outboxCount), { timeout: 60_000 }).toBe(0);
    // The citizen walks away with the reference on screen: first the warning, then the wipe.
    await page.clock.fastForward('10:01');
    await page.getByTestId('kiosk-idle').waitFor();
    await page.clock.fastForward('00:11');
    await page.getByTestId('kiosk-start').waitFor();
    await expectNowhere(typed, 'after the idle wipe');
  });

  it('offline: only the outbox entry holds it until it is sent, then nothing', async () => {
    const typed = citizen('63');
    await page.goto(server.url);
    await page.getByTestId('kiosk-start').waitFor();
    await context.setOffline(true);
    await flowToRequest();
    const reference = await fillAndSend(typed);
    await page.getByRole('button', { name: 'Finish and clear', exact: true }).click();
    await page.getByTestId('kiosk-start').waitFor();
    const stored = await page.evaluate(storedEverywhere);
    for (const value of Object.values(typed)) {
      expect(placesHolding(stored, value), `${value} offline, after the wipe`).toEqual([
        'indexedDB anydoor/outbox',
      ]);
    }
    expect(hubCase(reference)).toBeUndefined();

    await context.setOffline(false);
    await expect.poll(() => hubCase(reference), { timeout: 90_000 }).toBeTruthy();
    await expect.poll(() => page.evaluate(outboxCount), { timeout: 60_000 }).toBe(0);
    await expectNowhere(typed, 'once sent');
  });

  it('the hub counts one contact per citizen served, with the flow’s path', () => {
    const contacts = hub(
      (db) =>
        db
          .prepare('select outcome, channel, path from contacts where device_id = ?')
          .all(deviceId) as { outcome: string; channel: string; path: string }[],
    );
    expect(contacts).toHaveLength(3);
    for (const contact of contacts) {
      expect(contact).toMatchObject({ outcome: 'captured', channel: 'kiosk' });
      expect(JSON.parse(contact.path)).toEqual([
        'check-address',
        'put-out:on-time',
        'assisted:assisted-yes',
        'capture-priority',
      ]);
    }
  });
});
