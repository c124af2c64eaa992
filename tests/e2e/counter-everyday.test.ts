// A week at the counter and on the volunteer's tablet, as people meet it (issue 17): answers
// given in a guided flow carry into the request form; the person signed in records it (no
// name to type); the slip says what was promised, by when, who owns it and how to reach them,
// and that tracking starts once an offline device has synced; a case is looked up by its
// reference at the desk, from the device offline and from the hub online; the masthead speaks
// the device's mode, offline is calm, names replace ids, the navigation is grouped by role with
// the rest under "More", and the enrolment page says where a code comes from. Axe on each.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReference } from '../../src/shared/reference.ts';
import { axeViolations, launchBrowser, navTo } from '../helpers/browser.ts';
import { enrolDoor, shootBoth } from '../helpers/door-devices.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

describe('everyday use at the counter and on the tablet, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  /** The reference the tablet gives out offline; the library's counter looks it up. */
  let reference = '';

  beforeAll(async () => {
    const built = process.env.STATIC_DIR ?? 'dist';
    if (!existsSync(`${built}/index.html`)) throw new Error('Build the app first: npm run build');
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function axeClean(page: Page, where: string) {
    expect(await axeViolations(page), where).toEqual([]);
  }

  it('the enrolment page says where a code comes from', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Enrol this device' }).waitFor();
    const where = page.getByText(/Where does the code come from\?/);
    await expect.poll(() => where.textContent()).toMatch(/Studio.*Devices and doors/);
    await axeClean(page, 'enrol');
    await shootBoth(page, 'counter-enrol-en');
    await context.close();
  });

  it('on the van’s tablet, offline: calm status, words for a tablet, the flow’s answers carried, the signed-in person recording, a full slip and a look-up', async () => {
    const { context, page } = await enrolDoor(
      server,
      browser,
      'mobile-library-2',
      'Tablet',
      'sam-lee',
    );
    const masthead = page.getByRole('banner');
    await expect.poll(() => masthead.textContent()).toContain('On this tablet');
    expect(await masthead.textContent()).not.toContain('At the desk');

    // Offline is a normal state in a van: said once, calmly, never as an error or an alert.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Sync now' }).click();
    const status = page.getByTestId('sync-online');
    await expect.poll(() => status.textContent()).toContain('Offline');
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('sync-error').count()).toBe(0);
    expect(await page.getByTestId('sync-status').getByRole('alert').count()).toBe(0);
    const colour = await status.evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe('rgb(27, 27, 27)'); // the page's ink, not a warning or error colour
    await axeClean(page, 'finder offline');
    await shootBoth(page, 'tablet-finder-offline-en');

    // The volunteer's everyday links first; the rest one level down, by keyboard too.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const everyday = await nav
      .getByRole('link')
      .evaluateAll((links) =>
        links.filter((l) => (l as HTMLElement).offsetParent !== null).map((l) => l.textContent),
      );
    expect(everyday).toEqual(['Find a service', 'Look up a reference', 'Contact notes', 'Places']);
    const more = nav.getByRole('button', { name: 'More' });
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Diagnostics' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Studio' }).count()).toBe(0);
    await axeClean(page, 'more open');
    await shootBoth(page, 'tablet-nav-more-en');
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('More');

    // The flow asks for the postcode and gives it a field; the request form has it already.
    await page.getByTestId('finder-search').fill('missed bin');
    await page
      .getByTestId('service-card')
      .filter({ hasText: 'Report a missed bin collection' })
      .getByRole('link', { name: 'Do it here' })
      .click();
    await page.getByRole('textbox', { name: 'Postcode' }).fill('nm1 4ab');
    await page.getByLabel('First line of the address').fill('4 Mill Lane');
    await axeClean(page, 'flow with fields');
    await shootBoth(page, 'tablet-flow-postcode-en');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Yes, it was out by 7am' }).click();
    await page.getByRole('button', { name: 'Yes, I have an assisted collection' }).click();
    await page.getByTestId('flow-finish').click();
    await page.getByRole('heading', { name: 'Record a request or complaint' }).waitFor();
    expect(await page.getByLabel('Postcode', { exact: true }).inputValue()).toBe('NM1 4AB');
    expect(await page.getByLabel('Address or place').inputValue()).toBe('4 Mill Lane');

    // Recorded by the person signed in: no name to type, nothing the browser insists on.
    await page.getByTestId('capture-recorded-by').getByText('Recorded by Sam Lee').waitFor();
    expect(await page.getByLabel('Recorded by').count()).toBe(0);
    await axeClean(page, 'capture');
    await shootBoth(page, 'tablet-capture-en');
    await page.getByRole('button', { name: 'Save and give the reference' }).click();

    // The slip: service, promise and due date, owner by name and how to reach them, and
    // (made offline) that tracking works once the device has synced.
    const slip = page.getByTestId('case-slip');
    await slip.waitFor();
    reference = (await page.getByTestId('case-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]$/);
    const facts = await page.getByTestId('slip-facts').textContent();
    expect(facts).toContain('Report a missed bin collection');
    expect(facts).toContain('We will collect your missed bin within 2 working days');
    expect(await page.getByTestId('slip-due').textContent()).toMatch(/^by .*\d/);
    expect(await page.getByTestId('slip-owner').textContent()).toBe(
      'Northam District Council — Waste Collection',
    );
    expect(await page.getByTestId('slip-contact').textContent()).toContain('01234 500500');
    expect(await page.getByTestId('slip-offline').textContent()).toContain(
      'tracking online works once the device has synced',
    );
    expect(await slip.textContent()).not.toMatch(/northam-district-council|waste-collection/);
    await axeClean(page, 'slip');
    await shootBoth(page, 'tablet-slip-offline-en');

    // Contact notes: served by the person signed in, no "Served by" field to fill.
    await navTo(page, 'Contact notes');
    await page.getByRole('heading', { name: 'Contact notes', level: 1 }).waitFor();
    await page.getByTestId('note-served-by').getByText('Served by Sam Lee').waitFor();
    expect(await page.getByLabel('Served by').count()).toBe(0);
    await page.getByLabel('Service').fill('Missed bin collection');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText('It will be sent automatically').waitFor();
    await axeClean(page, 'notes');

    // The look-up, offline, from what the device holds.
    await navTo(page, 'Look up a reference');
    await page.getByRole('textbox', { name: 'Reference' }).fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Look up' }).click();
    const found = page.getByTestId('lookup-facts');
    await found.waitFor();
    const text = await found.textContent();
    expect(text).toContain('Report a missed bin collection');
    expect(text).toContain('Received, waiting to be picked up');
    expect(await page.getByTestId('lookup-owner').textContent()).toBe(
      'Known once the hub has received it',
    );
    await axeClean(page, 'lookup offline');
    await shootBoth(page, 'tablet-lookup-offline-en');
    // A reference the device does not hold, offline: said plainly.
    await page.getByRole('textbox', { name: 'Reference' }).fill(newReference());
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('lookup-offline').waitFor();

    // Back online: the case reaches the hub, which routes it.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => page.getByTestId('sync-waiting').getAttribute('data-count'), { timeout: 60_000 })
      .toBe('0');
    await context.close();
  });

  it('at the library counter: a case the device does not hold comes from the hub, without personal data; names, not ids, on a service', async () => {
    expect(reference).not.toBe('');
    const { context, page } = await enrolDoor(
      server,
      browser,
      'central-library',
      'Counter',
      'tom-evans',
    );
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('At the desk');
    await navTo(page, 'Look up a reference');
    await page.getByRole('textbox', { name: 'Reference' }).fill(reference);
    await page.getByRole('button', { name: 'Look up' }).click();
    // The hub may ask for the PIN once to open its session.
    const facts = page.getByTestId('lookup-facts');
    const pin = page.getByLabel(/^PIN/);
    await Promise.race([facts.waitFor(), pin.waitFor()]);
    if (await pin.isVisible()) {
      await pin.fill('357913');
      await page.getByRole('button', { name: 'Load' }).click();
    }
    await facts.waitFor();
    expect(await page.getByTestId('lookup-owner').textContent()).toBe(
      'Northam District Council — Waste Collection',
    );
    expect(await page.getByTestId('lookup-due').textContent()).toMatch(/\d.*\(on track\)/);
    expect(await facts.textContent()).not.toMatch(/Mill Lane|NM1 4AB/);
    await page.getByText('From the hub.').waitFor();
    await axeClean(page, 'lookup from hub');
    await shootBoth(page, 'counter-lookup-hub-en');

    // A service's page names owners and steps, never their ids.
    await navTo(page, 'Find a service');
    await page.getByTestId('finder-search').fill('missed bin');
    await page
      .getByTestId('service-card')
      .filter({ hasText: 'Report a missed bin collection' })
      .getByRole('link', { name: 'Report a missed bin collection' })
      .click();
    await page.getByRole('heading', { name: 'Report a missed bin collection', level: 1 }).waitFor();
    const body = (await page.getByRole('main').textContent()) ?? '';
    expect(body).toContain('Northam District Council — Waste Collection');
    expect(body).toMatch(/→ step \d/);
    expect(body).not.toMatch(/northam-district-council|waste-collection|put-out-late|capture-/);
    await axeClean(page, 'service page');
    await shootBoth(page, 'counter-service-en');
    // The same page in Polish, Arabic and Chinese, for people to look at.
    // (The picker's label changes with the language: found by its place in the masthead.)
    const picker = page.getByRole('banner').getByRole('combobox');
    for (const language of ['pl', 'ar', 'zh-Hans']) {
      await picker.selectOption(language);
      await page.waitForFunction((lng) => document.documentElement.lang === lng, language);
      await page.locator('#service-title').waitFor();
      await shootBoth(page, `counter-service-${language}`);
    }
    await picker.selectOption('en');
    await context.close();
  });

  it('a partner manager finds the Studio in the navigation', async () => {
    const { context, page } = await enrolDoor(
      server,
      browser,
      'civic-centre',
      'Counter',
      'priya-shah',
    );
    const nav = page.getByRole('navigation', { name: 'Main' });
    const studio = nav.getByRole('link', { name: 'Studio' });
    await studio.waitFor();
    expect(await studio.getAttribute('href')).toBe('/studio');
    await nav.getByRole('button', { name: 'More' }).click();
    await axeClean(page, 'manager nav');
    await shootBoth(page, 'manager-nav-en');
    await context.close();
  });
});
