// What the everyday-use browser tests share: a staff device enrolled and signed in as a person
// would (in a chosen language and window size), cases opened at another door through the hub's
// sync API as a volunteer's tablet would send them, and a sync on demand.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { signIn } from './browser.ts';
import type { ServerProcess } from './server-process.ts';

async function enrolmentCode(server: ServerProcess, place: string): Promise<string> {
  const storage = openSqliteStorage(join(server.dataDir, 'anydoor.sqlite'));
  try {
    return await issueEnrolmentCode(storage, place);
  } finally {
    await storage.close();
  }
}

/** A counter at `place`, enrolled through its screens, `staffId` signed in, the pack held. */
export async function staffDevice(
  browser: Browser,
  server: ServerProcess,
  place: string,
  staffId: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  const code = await enrolmentCode(server, place);
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Enrolment code').fill(code);
  await page.getByLabel('Name for this device').fill(`Counter at ${place}`);
  await page.getByRole('radio', { name: /^Counter/ }).check();
  await page.getByRole('button', { name: 'Enrol device' }).click();
  await signIn(page, staffId);
  await page.goto(`${server.url}/pack`);
  await page.getByText(/holds pack version 1/).waitFor({ timeout: 60_000 });
  return { page, close: () => context.close() };
}

/** The interface language, as a person picks it in the masthead. */
export async function chooseLanguage(page: Page, code: string): Promise<void> {
  await page
    .getByRole('banner')
    .getByRole('combobox', { name: /^(Language|Język|اللغة|Iaith|语言|語言)/ })
    .selectOption(code);
  await page.waitForFunction((lng) => document.documentElement.lang === lng, code);
}

/**
 * Cases opened at a volunteer's tablet in the mobile library (Northshire County Council) for
 * Northam District Council's missed-bin service: the tablet syncs them to the hub. Returns
 * their references.
 */
export async function openCasesElsewhere(server: ServerProcess, count: number): Promise<string[]> {
  const code = await enrolmentCode(server, 'mobile-library-2');
  const enrolled = await fetch(`${server.url}/api/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'enrol',
      protocolVersion: PROTOCOL_VERSION,
      code,
      deviceName: 'Library tablet',
      mode: 'tablet',
    }),
  });
  const device = (await enrolled.json()) as { deviceId: string; token: string };
  const references = Array.from({ length: count }, () => newReference());
  const push: Op[] = references.map((reference, i) => ({
    id: newId(),
    deviceId: device.deviceId,
    kind: 'case.open',
    clientTime: new Date().toISOString(),
    payload: {
      id: newId(),
      reference,
      type: 'complaint',
      serviceId: 'missed-bin-collection',
      channel: 'face-to-face',
      details: `Bin missed at number ${i + 1}, Brook End flats.`,
      location: { postcode: 'NM8 2LP' },
      author: 'Maria (volunteer)',
      openedAt: new Date().toISOString(),
    },
  }));
  const res = await fetch(`${server.url}/api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify({ type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor: null }),
  });
  const results = ((await res.json()) as { results: { status: string }[] }).results;
  if (!results.every((r) => r.status === 'applied')) {
    throw new Error(`cases not opened: ${JSON.stringify(results)}`);
  }
  return references;
}

/** "Sync now", then wait until nothing waits to be sent. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Sync now|Synchronizuj teraz|مزامنة الآن)$/ }).click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count') === '0',
  );
}

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-17b';

/** A full-page screenshot at a desk's width and a phone's, for a person to look at. */
export async function shootWidths(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
