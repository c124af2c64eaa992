// coldStart: an enrolled device, offline, opening the app from the service-worker cache to the
// first screen its user can act on — each mode's own: a counter's PIN lock, a kiosk's attract
// screen, and the finder of a counter someone has unlocked. Measured in the page, from
// navigation start to the mark that screen sets once it is usable (src/client/ui/screen-mark.ts).
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, servicesHeld, signIn } from '../tests/helpers/browser.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';

export type ColdStartScreen = 'lock' | 'attract' | 'finder';
export type ColdStartSamples = Record<ColdStartScreen, number[]>;

const COUNTER_PLACE = 'Central Library';
const KIOSK_PLACE = 'Self-service kiosk, Northam Civic Centre foyer';

/** Enrols a device in its own browser context and waits until it works offline. */
async function enrolled(
  context: BrowserContext,
  url: string,
  code: string,
  mode: 'Counter' | 'Kiosk',
): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Enrolment code').fill(code);
  await page.getByLabel('Name for this device').fill(`Bench ${mode}`);
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await page.getByRole('button', { name: 'Enrol device' }).click();
  // The pack arrives with the first sync; then the service worker must control the page.
  for (let i = 0; i < 360 && (await servicesHeld(page)) < 900; i++) {
    await page.waitForTimeout(250);
  }
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 90_000,
  });
  // The place's staff list arrives with the first sync too: unlock as its counter clerk.
  if (mode === 'Counter') await signIn(page, 'tom-evans');
  await page.close();
}

/** Opens the app offline `runs + 1` times (the first warms the browser) and reads the mark. */
async function openings(
  context: BrowserContext,
  url: string,
  screen: ColdStartScreen,
  runs: number,
) {
  const samples: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const page = await context.newPage();
    await page.goto(url);
    const name = `anydoor:${screen}`;
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, {
      timeout: 60_000,
    });
    const ms = await page.evaluate(
      (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
      name,
    );
    await page.close();
    if (Number.isNaN(ms)) throw new Error(`no ${name} mark`);
    if (run > 0) samples.push(ms);
  }
  return samples;
}

export async function runColdStartBenchmark(runs: number): Promise<ColdStartSamples> {
  const server = await startServerProcess();
  const browser = await launchBrowser();
  try {
    const code = (place: string) => {
      const found = server.codes.get(place);
      if (!found) throw new Error(`no enrolment code printed for ${place}`);
      return found;
    };
    const counter = await browser.newContext();
    const kiosk = await browser.newContext();
    await enrolled(counter, server.url, code(COUNTER_PLACE), 'Counter');
    await enrolled(kiosk, server.url, code(KIOSK_PLACE), 'Kiosk');
    await counter.setOffline(true);
    await kiosk.setOffline(true);

    // Unlocked (a person signed in within the idle time): the finder is the first screen.
    const finder = await openings(counter, server.url, 'finder', runs);
    const attract = await openings(kiosk, server.url, 'attract', runs);
    // Locked: the PIN lock is the first screen.
    const page = await counter.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Lock' }).first().click();
    await page.getByRole('heading', { name: /who is using this device/ }).waitFor();
    await page.close();
    const lock = await openings(counter, server.url, 'lock', runs);
    await counter.close();
    await kiosk.close();
    return { lock, attract, finder };
  } finally {
    await browser.close();
    await server.stop();
  }
}
