// Staff identity in Chromium: a shared counter device locked until someone types their PIN
// (wrong PINs refused), training with its check of understanding changing what the guided
// flow says, locking, and the franchisor's online views (every partner, who is trained).
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';

const DEMO_ADMIN_SECRET = DEMO_STAFF.find((p) => p.id === 'alex-morgan')?.pin ?? '';

describe('staff on a shared device', () => {
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

  async function enrol(place: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Enrolment code').fill(server.codes.get(place) ?? '');
    await page.getByLabel('Name for this device').fill(`Desk at ${place}`);
    await page.getByRole('button', { name: 'Enrol device' }).click();
    return { context, page };
  }

  it('unlocks with the right PIN only, trains, and the flow stops warning', async () => {
    const { context, page } = await enrol('Central Library');
    await page.getByRole('button', { name: /^Tom Evans/ }).click({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/^PIN/).fill('000000');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').getByText('That PIN is not right. 4 tries left').waitFor();
    expect(await page.getByTestId('signed-in').count()).toBe(0);
    await page.getByLabel(/^PIN/).fill('357913');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('signed-in').getByText('Tom Evans (counter staff)').waitFor();

    // Blue Badge is tier 2 and Tom has not done its training: the flow says so, offline too.
    await context.setOffline(true);
    await page.goto(`${server.url}/services/blue-badge/flow`);
    const warning = page.getByTestId('flow-untrained');
    await warning.getByText(/not yet completed the training/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await warning.getByRole('link', { name: 'Do the training' }).click();

    const module = buildDemoPack().training.find((m) => m.id === 'blue-badge-training');
    if (!module) throw new Error('no blue badge training in the demo pack');
    for (const question of module.questions) {
      const group = page.getByRole('group', { name: question.prompt.en });
      await group.getByRole('radio', { name: question.options[question.correct]?.en }).check();
    }
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByTestId('training-result').getByText('Passed with 100 %').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/services/blue-badge/flow`);
    await page.getByTestId('flow-progress').waitFor();
    expect(await page.getByTestId('flow-untrained').count()).toBe(0);

    // Locking hides the work; the lock screen is all there is until a PIN is typed.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: /who is using this device/ }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await context.setOffline(false);
    await signIn(page, 'tom-evans');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.querySelector('[data-testid="sync-waiting"]')?.getAttribute('data-count'),
        ),
      )
      .toBe('0');
    await context.close();
  });

  it('lets a privileged person in only through the hub, and says so calmly when offline', async () => {
    // Eastbury Town Hall: Alex (franchisor admin) and Grace (back office) work there.
    const { context, page } = await enrol('Eastbury Town Hall');
    await page.getByRole('button', { name: /^Grace Obi/ }).waitFor({ timeout: 30_000 });
    // Offline support first: the service worker controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.getByRole('button', { name: /^Alex Morgan/ }).click();
    const notice = page.getByTestId('needs-connection');
    await notice
      .getByText('Alex Morgan signs in through the hub, so this device needs a connection first.', {
        exact: false,
      })
      .waitFor();
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await axeViolations(page)).toEqual([]);
    // Offline, even the right passphrase cannot unlock: the device holds nothing to check it.
    await page.getByLabel(/^PIN or passphrase/).fill(DEMO_ADMIN_SECRET);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await notice.waitFor();
    expect(await page.getByTestId('signed-in').count()).toBe(0);
    // Everyone else still signs in offline.
    await page.getByRole('button', { name: 'Not me' }).click();
    await signIn(page, 'grace-obi');
    await page.getByRole('button', { name: 'Lock' }).click();

    await context.setOffline(false);
    await page.getByRole('button', { name: /^Alex Morgan/ }).click();
    await page.getByLabel(/^PIN or passphrase/).fill('wrong-passphrase-1');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').getByText('That PIN or passphrase is not right here.').waitFor();
    await page.getByLabel(/^PIN or passphrase/).fill(DEMO_ADMIN_SECRET);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByTestId('signed-in')
      .getByText(/Alex Morgan/)
      .waitFor();
    await context.close();
  });

  it('stays locked when reopened after the idle time: a page load is not activity', async () => {
    const { context, page } = await enrol('Eastbury Library');
    await signIn(page, 'tom-evans');
    await navTo(page, 'Places');
    await page.getByRole('button', { name: 'Lock' }).waitFor();
    await page.close();

    // Reopened two minutes later: still Tom's.
    const start = Date.now();
    await context.clock.install({ time: start + 2 * 60_000 });
    const soon = await context.newPage();
    await soon.goto(server.url);
    await soon.getByTestId('signed-in').getByText('Tom Evans (counter staff)').waitFor();
    await soon.close();

    // Reopened 28 minutes after the last touch: the lock screen, and nothing of Tom's work.
    await context.clock.setSystemTime(start + 28 * 60_000);
    const later = await context.newPage();
    await later.goto(server.url);
    await later.getByRole('heading', { name: /who is using this device/ }).waitFor();
    expect(await later.getByTestId('signed-in').count()).toBe(0);
    expect(await later.getByRole('navigation').count()).toBe(0);
    // Locked for good, not only hidden: a reload does not bring Tom back.
    await later.reload();
    await later.getByRole('heading', { name: /who is using this device/ }).waitFor();
    expect(await later.getByTestId('signed-in').count()).toBe(0);
    await context.close();
  });

  it('shows the franchisor every partner’s teams and who is trained for what', async () => {
    const { context, page } = await enrol('Northam Civic Centre');
    await signIn(page, 'alex-morgan');
    await navTo(page, 'Who is trained');
    const roster = page.getByTestId('roster');
    await roster.waitFor({ timeout: 30_000 });
    // People of several partners, each with the training their role needs.
    for (const name of ['Tom Evans', 'Priya Shah', 'Nadia Khan', 'Sam Lee']) {
      await roster.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await navTo(page, 'Overview');
    await page.getByTestId('overview-teams').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
