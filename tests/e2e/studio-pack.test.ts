// The studio's pack in Chromium, by visible labels: the franchisor, at the Northam Civic Centre
// counter, changes the pothole service's level-1 promise and its map's first step in Welsh,
// previews them as a kiosk shows them, and publishes with a note; a counter that was offline
// all along takes in the new version when it reconnects and shows the new Welsh words. An edit
// that breaks the process map is refused with its reason. The pack and places screens are
// axe-clean at 1280, 768 and 640 px; screenshots at 1280 and 375 px in English, Polish and
// Arabic go to /tmp/shots-14-pack/.
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../helpers/back-office.ts';
import {
  axeViolations,
  enrolAndSignIn,
  launchBrowser,
  loadWithHubSession,
} from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const SHOTS = '/tmp/shots-14-pack';
const PROMISE_CY = 'Byddwn yn gwneud y twll yn ddiogel o fewn diwrnod gwaith – addewid newydd';
const STEP_CY = 'Ble mae’r twll yn y ffordd? Geiriad newydd i ddinasyddion';

describe('the studio: authoring the pack', () => {
  let server: ServerProcess;
  let browser: Browser;
  /** The franchisor's device at the civic centre (its one enrolment code is used by then). */
  let alex: Page;
  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('Build the app first: npm run build');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function at(place: string, staffId: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await enrolAndSignIn(page, server.url, server.codes.get(place) ?? '', staffId);
    return page;
  }

  async function axeAtWidths(page: Page, what: string) {
    for (const width of [1280, 768, 640]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `${what} at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('publishes Welsh wording that an offline counter takes in when it reconnects', async () => {
    // A counter at the Central Library holds version 1, then loses its connection.
    const counter = await at('Central Library', 'tom-evans');
    await counter.getByRole('heading', { name: 'Find a service', level: 1 }).waitFor();
    await counter.goto(`${server.url}/pack`);
    await counter.getByText(/holds pack version 1/).waitFor({ timeout: 60_000 });
    await counter.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await counter.reload();
    await counter.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await counter.context().setOffline(true);

    // The franchisor opens the pack in the studio (a hub session: her passphrase).
    alex = await at('Northam Civic Centre', 'alex-morgan');
    await alex.goto(`${server.url}/studio/pack`);
    await alex.getByRole('heading', { name: 'The pack', level: 1 }).waitFor();
    await loadWithHubSession(alex, alex.getByText(/Published version 1\./), 'alex-morgan');
    await axeAtWidths(alex, 'the pack');

    // The level-1 promise, in Welsh.
    await alex.getByLabel('Show').selectOption('commitments');
    await alex.getByLabel('Search by name or identifier').fill('pothole');
    await alex.getByRole('link', { name: 'pothole-standard' }).click();
    await alex.getByRole('heading', { name: 'Commitments: pothole-standard' }).waitFor();
    const promise = alex.getByLabel('Level-1 promise — Cymraeg');
    await promise.waitFor({ timeout: 30_000 });
    await promise.fill(PROMISE_CY);
    await alex.getByText('This record has no problems.').waitFor();
    await alex.getByRole('button', { name: 'Save to the draft' }).click();
    await alex.getByText('Saved to the draft (revision 1).').waitFor();
    await axeAtWidths(alex, 'the commitment editor');
    // Previewed as a kiosk shows it, in Welsh.
    await alex.getByRole('radio', { name: 'A kiosk' }).check();
    await alex.getByLabel('In the language').selectOption('cy');
    const kiosk = alex.getByRole('article', { name: 'As a kiosk shows it' });
    await kiosk.getByText(PROMISE_CY).waitFor();

    // The first step of the pothole map: the citizen's words in Welsh.
    await alex.getByRole('link', { name: 'Back to the pack' }).click();
    await alex.getByLabel('Show').selectOption('processMaps');
    await alex.getByLabel('Search by name or identifier').fill('pothole');
    await alex.getByRole('link', { name: 'pothole-map' }).click();
    await alex.getByRole('heading', { name: 'Process maps: pothole-map' }).waitFor();
    await alex
      .getByRole('img', { name: /dangling arrows: 0; unreachable steps: 0; loops: 0/ })
      .waitFor({
        timeout: 30_000,
      });
    await alex.getByLabel('Citizen wording — Cymraeg').first().fill(STEP_CY);

    // A branch to a step that does not exist: drawn at once, refused by the hub with the reason.
    const next = alex.getByLabel('Next step').first();
    const wasNext = await next.inputValue();
    await next.fill('nowhere');
    await alex.getByRole('img', { name: /dangling arrows: 1/ }).waitFor();
    await alex.getByText('no step “nowhere”').waitFor();
    await alex.getByRole('button', { name: 'Save to the draft' }).click();
    await alex
      .getByRole('alert')
      .getByText('leads to step "nowhere", which does not exist')
      .first()
      .waitFor();
    await axeAtWidths(alex, 'the process-map editor with a problem');
    await next.fill(wasNext);
    await alex.getByText('This record has no problems.').waitFor();
    await alex.getByRole('button', { name: 'Save to the draft' }).click();
    await alex.getByText('Saved to the draft (revision 1).').waitFor();
    await alex.getByRole('radio', { name: 'A kiosk' }).check();
    await alex.getByLabel('In the language').selectOption('cy');
    await alex.getByRole('article', { name: 'As a kiosk shows it' }).getByText(STEP_CY).waitFor();

    // Publish with a note; the difference is there to see.
    await alex.getByRole('link', { name: 'Back to the pack' }).click();
    await alex.getByText(/Changes waiting to be published: 2\./).waitFor();
    await alex.getByLabel('What this version changes').fill('Welsh wording for potholes');
    await alex.getByRole('button', { name: 'Publish' }).click();
    await alex.getByText('Published as version 2.').waitFor({ timeout: 30_000 });
    await alex.getByLabel('Compare from').selectOption('1');
    await alex.getByLabel('With').selectOption('2');
    await alex.getByRole('button', { name: 'Show the difference' }).click();
    await alex.getByRole('rowheader', { name: 'steps.0.citizen.cy' }).waitFor();
    await alex.getByRole('rowheader', { name: 'promise.cy' }).waitFor();
    await axeAtWidths(alex, 'the pack after publishing');

    // The counter reconnects: it takes in version 2 and shows the new Welsh words.
    await counter.context().setOffline(false);
    await counter.getByRole('button', { name: 'Sync now' }).click();
    await counter.getByText(/holds pack version 2/).waitFor({ timeout: 60_000 });
    await counter.getByText('Welsh wording for potholes').waitFor();
    await chooseLanguage(counter, 'cy');
    await counter.goto(`${server.url}/services/pothole`);
    await counter.getByText(PROMISE_CY).waitFor({ timeout: 30_000 });
    await counter.getByText(STEP_CY).waitFor();
  });

  it('edits a place’s hours and closures, axe-clean, with screenshots in three languages', async () => {
    // The same device and hub session as above, reached from the studio's front page.
    await alex.evaluate(() => {
      window.history.pushState({}, '', '/studio/places');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await alex.getByRole('heading', { name: 'Places and partners', level: 1 }).waitFor();
    await alex.getByRole('link', { name: 'Eastbury Library' }).click();
    await alex.getByRole('heading', { name: 'Place: eastbury-library' }).waitFor();
    await alex.getByRole('button', { name: 'Add: Closures' }).click();
    await alex.getByLabel('From (YYYY-MM-DD)').fill('2027-04-01');
    await alex.getByLabel('To (YYYY-MM-DD)').fill('2027-03-30');
    await alex.getByRole('button', { name: 'Save and publish' }).click();
    await alex.getByText('ends before it starts').first().waitFor({ timeout: 30_000 });
    await alex.getByLabel('To (YYYY-MM-DD)').fill('2027-04-02');
    await alex.getByLabel('Open on bank holidays').check();
    await alex.getByRole('button', { name: 'Save and publish' }).click();
    await alex.getByText(/Saved and published as version \d+\./).waitFor({ timeout: 30_000 });
    await axeAtWidths(alex, 'the place editor');

    for (const lang of ['en', 'pl', 'ar']) {
      await chooseLanguage(alex, lang);
      for (const [name, path] of [
        ['pack', '/studio/pack'],
        ['map', '/studio/pack/processMaps/pothole-map'],
        ['place', '/studio/places/eastbury-library'],
      ] as const) {
        await alex.evaluate((to) => {
          window.history.pushState({}, '', to);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, path);
        await alex.getByRole('heading', { level: 1 }).waitFor();
        await alex.waitForTimeout(1500);
        for (const width of [1280, 375]) {
          await alex.setViewportSize({ width, height: 1000 });
          await alex.screenshot({ path: `${SHOTS}/${name}-${lang}-${width}.png`, fullPage: false });
        }
        await alex.setViewportSize({ width: 1280, height: 900 });
      }
    }
  });
});
