// Insight that people read at a glance (issue 17): each chart draws its values to a true scale
// (0-100 % for a rate, 0 to the largest for a count), so 98.1 % and 58.3 % no longer look
// alike; it has an axis and its values, months by name, time series as lines (two series told
// apart by dashes, markers and a legend, never colour alone), the commitments' 95 % target as a
// labelled reference line, a description for screen readers, and still its table and CSV. The
// charting code loads with the insight screen only. Axe clean; screenshots in English, Polish
// and Arabic at desk and phone widths (/tmp/shots-17b).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLoadJs } from '../../bench/bundle-size.ts';
import { axeViolations, launchBrowser, navTo, signIn } from '../helpers/browser.ts';
import { chooseLanguage, shootWidths } from '../helpers/back-office.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** A string of the chart code that minifying keeps: its class names. */
const CHART_CODE = 'insight-chart__';

describe('insight charts, in Chromium', () => {
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

  /** Where a value lands on a bar chart's axis, from its ticks' positions. */
  async function barGeometry(chart: Locator) {
    return chart.evaluate((svg) => {
      const ticks = [...svg.querySelectorAll('.insight-chart__tick')].map((t) => ({
        text: t.textContent ?? '',
        x: Number(t.getAttribute('x')),
      }));
      const bars = [...svg.querySelectorAll('.insight-chart__bar')].map((b) =>
        Number(b.getAttribute('width')),
      );
      const values = [...svg.querySelectorAll('.insight-chart__value')].map(
        (v) => v.textContent ?? '',
      );
      return { ticks, bars, values };
    });
  }

  // Long: the franchisor's whole dashboard, drawn and photographed in three languages.
  it(
    'draws every value to a true scale with axes, lines by month, the 95 % target, and only on the insight screen',
    { timeout: 300_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page: Page = await context.newPage();
      // The first load carries no chart code: it comes with the insight screen.
      const first = firstLoadJs('dist');
      for (const file of first.files) {
        expect(readFileSync(join('dist', file), 'utf8'), file).not.toContain(CHART_CODE);
      }
      const loaded: string[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('.js')) loaded.push(response.url());
      });
      await page.goto(server.url);
      await page.getByLabel('Enrolment code').fill(server.codes.get('Northam Civic Centre') ?? '');
      await page.getByLabel('Name for this device').fill('Franchisor desk');
      await page.getByRole('button', { name: 'Enrol device' }).click();
      await signIn(page, 'alex-morgan');
      const beforeInsight = loaded.length;
      await navTo(page, 'Insight');
      await page.getByTestId('headline-contacts').waitFor({ timeout: 30_000 });

      // Commitments kept, by team: a rate on 0-100 %, each bar as long as its value says.
      const teams = page.getByTestId('figure-commitments-by-team');
      const chart = teams.getByRole('img');
      await chart.waitFor();
      expect(await chart.getAttribute('aria-label')).toMatch(
        /^Commitments kept by team: a bar chart of \d+ bars\. The scale runs from 0% to 100%\. Highest: .+, [\d.]+%\. Lowest: .+, [\d.]+%\. Target line: Target 95%\.$/,
      );
      const bars = await barGeometry(chart);
      const zero = bars.ticks.find((t) => t.text === '0%');
      const hundred = bars.ticks.find((t) => t.text === '100%');
      expect(zero).toBeDefined();
      expect(hundred).toBeDefined();
      const span = hundred!.x - zero!.x;
      expect(bars.bars.length).toBeGreaterThan(2);
      bars.bars.forEach((width, i) => {
        const value = Number(bars.values[i]?.replace('%', ''));
        expect(Math.abs(width / span - value / 100), `bar ${i}: ${value}%`).toBeLessThan(0.01);
      });
      // The target as a labelled reference line at 95 %.
      const target = chart.locator('.insight-chart__target');
      expect(await target.textContent()).toBe('Target 95%');
      const targetX = Number(await target.locator('line').getAttribute('x1'));
      expect(Math.abs((targetX - zero!.x) / span - 0.95)).toBeLessThan(0.005);

      // A count from 0 to its largest: the bars of contacts by channel are as long as they say.
      const channels = page.getByTestId('figure-volumes-by-channel').getByRole('img');
      const counts = await barGeometry(channels);
      const widest = Math.max(...counts.bars);
      const largest = Math.max(...counts.values.map((v) => Number(v.replace(/\D/g, ''))));
      counts.bars.forEach((width, i) => {
        const value = Number(counts.values[i]?.replace(/\D/g, ''));
        expect(Math.abs(width / widest - value / largest), `channel bar ${i}`).toBeLessThan(0.01);
      });
      expect(counts.ticks[0]?.text).toBe('0');

      // Time series as lines over month names; two series told apart without colour.
      const months = page.getByTestId('figure-volumes-by-month');
      const lines = months.getByRole('img');
      expect(await lines.getAttribute('aria-label')).toMatch(
        /^Contacts by month: a line chart by month of 2 series, [A-Z][a-z]{2} \d{4} to [A-Z][a-z]{2}\b/,
      );
      const series = lines.locator('.insight-chart__series path');
      expect(await series.count()).toBeGreaterThanOrEqual(2);
      const dashes = await series.evaluateAll((paths) =>
        paths.map((p) => p.getAttribute('stroke-dasharray') ?? ''),
      );
      expect(new Set(dashes).size).toBeGreaterThan(1);
      await lines.getByText('Face to face', { exact: true }).waitFor();
      const axis = (await lines.locator('.insight-chart__tick').allTextContents()).join(' ');
      expect(axis).toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/);
      expect(axis).not.toMatch(/\d{4}-\d{2}/);
      // The table keeps the figures, months in words; the CSV is still offered.
      await months.getByText('Show the figures as a table').click();
      const table = (await months.getByRole('table').textContent()) ?? '';
      expect(table).toMatch(
        /(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
      );
      expect(table).not.toMatch(/\d{4}-\d{2}/);
      await months.getByRole('button', { name: 'Download CSV: Contacts by month' }).waitFor();

      // Satisfaction by month: a rate over time, on 0-100 %.
      const satisfaction = page.getByTestId('figure-satisfaction-by-month').getByRole('img');
      expect(await satisfaction.getAttribute('aria-label')).toContain(
        'The scale runs from 0% to 100%.',
      );
      expect(await axeViolations(page)).toEqual([]);

      // The chart code came with the insight screen.
      const later = loaded.slice(beforeInsight);
      const bodies = await Promise.all(
        later.map(async (url) => (await (await fetch(url)).text()).includes(CHART_CODE)),
      );
      expect(bodies.some(Boolean)).toBe(true);

      // Screenshots in English, Polish and Arabic, desk and phone; axe in each.
      for (const lang of ['en', 'pl', 'ar']) {
        await chooseLanguage(page, lang);
        await page.getByTestId('figure-commitments-by-team').getByRole('img').waitFor();
        expect(await axeViolations(page), lang).toEqual([]);
        await shootWidths(page, `insight-${lang}`);
        // On a phone, no axis label or value runs off its chart (in Arabic the zero of a bar
        // axis sits at the right edge; centred there, it was cut in half).
        await page.setViewportSize({ width: 375, height: 800 });
        await page.getByTestId('figure-commitments-by-team').getByRole('img').waitFor();
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll<SVGSVGElement>('svg.insight-chart__svg')].flatMap((svg) => {
            const width = svg.width.baseVal.value;
            return (
              [...svg.querySelectorAll<SVGTextElement>('text')]
                .filter((text) => text.textContent && text.getNumberOfChars() > 0)
                .filter((text) => {
                  const box = text.getBBox();
                  // getCTM: the text's place in its own svg's user space (groups may move it).
                  const left = box.x + (text.getCTM()?.e ?? 0);
                  return left < -1 || left + box.width > width + 1;
                })
                // What was cut, where it starts, how wide it is, in how wide a chart.
                .map((text) => {
                  const box = text.getBBox();
                  const left = Math.round(box.x + (text.getCTM()?.e ?? 0));
                  return `${text.textContent} at ${left}+${Math.round(box.width)} of ${width}`;
                })
            );
          }),
        );
        expect(cut, `${lang} at 375 px`).toEqual([]);
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      await context.close();
    },
  );
});
