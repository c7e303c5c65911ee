import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '../../fixtures/test.js';
import { builtResult } from './built-result.js';
import { axisAt, hueOf, openBrowser, overlappingTexts, readChart, type Browser, type Page } from './chart-reading.js';
import { CHROMIUM } from './debian-chromium.js';
import { mergeResults } from '../../load/merge/merge-results.js';
import { reportHtml } from '../../load/report/report-html.js';
import type { LoadResult } from '../../load/result/load-result.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import type { Verdict } from '../../load/thresholds/verdicts.js';
import { reportDir } from './load-helpers.js';

const RULES = ['p99 < 50', 'max < 100000', 'rps > 10'].map((r) => parseThreshold(r, 'test'));
const START = '2026-01-01T00:00:00.000Z';
const CODES = [200, 200, 200, 200, 200, 200, 404, 429, 503, 200];
// A windowed verdict as thresholds over windows write it: the chart must draw it and shade the window it names.
const WINDOWED = { rule: 'p99 < 20 over 1s', metric: 'latency.p99', op: '<', value: 20, measured: 61, passed: false };

/** One generator: 4 intervals of 250 ms from `start`, 50 answers each, latency `ms(i)`, a mix of status codes. */
const generator = (pid: number, start: string, ms: (i: number) => number): LoadResult =>
  builtResult({
    pid,
    start,
    answers: 200,
    intervalMs: 250,
    perInterval: 50,
    status: (i) => CODES[i % 10],
    ms,
    rules: RULES,
    errors: pid % 2,
  });

test.describe('load HTML report of a merged run (in real headless Chromium)', () => {
  test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium); the report test is skipped`);
  test.describe.configure({ mode: 'default' });
  const merged = mergeResults([
    generator(11, START, (i) => 1 + (i % 7)),
    generator(12, '2026-01-01T00:00:00.500Z', (i) => (i > 150 ? 60 : 2 + (i % 5))),
  ]);
  const [s] = merged.scenarios;
  s.thresholds = [...s.thresholds, { ...WINDOWED, window: { from_s: 1, to_s: 1.5 } } as Verdict];
  let browser: Browser, page: Page;
  test.beforeAll(async () => {
    const file = join(reportDir(), 'report.html');
    writeFileSync(file, reportHtml(merged));
    ({ browser, page } = await openBrowser());
    await page.goto(pathToFileURL(file).href);
  });
  test.afterAll(async () => browser?.close());

  test('shows one row per generator, titled with its label, with its requests, rps, p50/p99/max, errors', async () => {
    const rows = page.locator('section.generator');
    await expect(rows).toHaveCount(s.parts.length);
    for (const [i, part] of s.parts.entries()) {
      const row = rows.nth(i);
      await expect(row.locator('h3')).toHaveText(part.generator);
      const numbers = await row
        .locator('dl.numbers [data-metric]')
        .evaluateAll((ds) => ds.map((d) => [d.getAttribute('data-metric'), Number(d.getAttribute('data-value'))]));
      expect(Object.fromEntries(numbers)).toEqual({
        ...{ requests: part.requests.total, rps: part.requests.average, errors: part.errors, non2xx: part.non2xx },
        ...{ p50: part.latency.p50, p99: part.latency.p99, max: part.latency.max },
      });
    }
    expect(s.parts.map((p) => p.generator)).toEqual(['gen pid 11', 'gen pid 12']);
  });

  test('each generator’s latency and requests/s are its own series, on the merged run’s time axis', async () => {
    for (const [i, part] of s.parts.entries()) {
      const row = page.locator('section.generator').nth(i);
      const { points } = await readChart(row.locator('svg.latency-time-chart'));
      const p99 = points.filter((p) => p.series === 'p99');
      expect(p99.map((p) => Number(p.ms))).toEqual(part.series.latency.p99);
      expect(Number(p99[0].t), 'a generator that started 0.5 s later starts 0.5 s later').toBe(i * 0.5 + 0.125);
      const bars = await row
        .locator('svg.throughput-chart rect.bar')
        .evaluateAll((rs) => rs.map((r) => r.dataset.count));
      expect(bars.map(Number)).toEqual(part.series.requests);
    }
  });

  test('a failed windowed rule is a line like any latency rule, and its worst window is shaded', async () => {
    const svg = page.locator('section.scenario > .charts > svg.latency-time-chart');
    const { rules, xTicks, yTicks } = await readChart(svg);
    expect(rules.map((r) => r.rule)).toEqual(['p99 < 50', 'max < 100000', WINDOWED.rule]);
    const windowed = rules.find((r) => r.rule === WINDOWED.rule)!;
    expect(Math.abs(windowed.y1 - axisAt(yTicks, 20))).toBeLessThan(0.15);
    expect(rules.find((r) => r.rule === 'max < 100000')!.offScale, 'far above the data').toBe(true);
    const shade = svg.locator(`rect.window[data-rule="${WINDOWED.rule}"]`);
    const [x, w] = await shade.evaluate((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))]);
    expect(Math.abs(x - axisAt(xTicks, 1))).toBeLessThan(0.15);
    expect(Math.abs(x + w - axisAt(xTicks, 1.5))).toBeLessThan(0.15);
  });

  test('status codes come in families: 2xx green, 4xx amber, 429 its own colour, 5xx red', async () => {
    const colours = await page
      .locator('section.scenario > .charts > svg.status-chart g.legend-item')
      .evaluateAll((gs) =>
        gs.map((g) => [g.getAttribute('data-code'), g.querySelector('line')!.getAttribute('stroke')]),
      );
    const hues = Object.fromEntries(colours.map(([code, c]) => [code, hueOf(c!)]));
    expect(Object.keys(hues)).toEqual(['200', '404', '429', '503']);
    expect(hues['200'], 'green').toBeGreaterThan(90);
    expect(hues['200']).toBeLessThan(170);
    expect(hues['404'], 'amber').toBeGreaterThan(20);
    expect(hues['404']).toBeLessThan(50);
    expect(hues['429'], 'violet').toBeGreaterThan(240);
    expect(hues['429']).toBeLessThan(300);
    expect(hues['503'] < 12 || hues['503'] > 345, 'red').toBe(true);
  });

  test('each interval’s status segments stack without gaps up to its answers/s, in the legend’s colours', async () => {
    const svg = page.locator('section.scenario > .charts > svg.status-chart');
    const segs = await svg.locator('rect.point').evaluateAll((rs) =>
      rs.map((r) => ({
        code: r.getAttribute('data-code')!,
        interval: Number(r.getAttribute('data-first')),
        y: Number(r.getAttribute('y')),
        h: Number(r.getAttribute('height')),
        fill: r.parentElement!.getAttribute('fill'),
      })),
    );
    const legend = await svg
      .locator('g.legend-item')
      .evaluateAll((gs) =>
        Object.fromEntries(
          gs.map((g) => [g.getAttribute('data-code'), g.querySelector('line')!.getAttribute('stroke')]),
        ),
      );
    const { yTicks } = await readChart(svg);
    for (const [i, answers] of s.series.requests.entries()) {
      const column = segs.filter((g) => g.interval === i); // in code order: 2xx at the bottom
      for (let k = 1; k < column.length; k++)
        expect(Math.abs(column[k].y + column[k].h - column[k - 1].y), `interval ${i} stacked`).toBeLessThan(0.15);
      const top = axisAt(yTicks, (answers * 1000) / s.series.interval_ms);
      expect(Math.abs(column[column.length - 1].y - top), `interval ${i} reaches its answers/s`).toBeLessThan(0.15);
    }
    for (const g of segs) expect(g.fill, `${g.code} drawn in its legend colour`).toBe(legend[g.code]);
  });

  test('no label overlaps another, and the page loads nothing but itself', async ({}, testInfo) => {
    await testInfo.attach('merged-report', {
      body: await page.screenshot({ fullPage: true }),
      contentType: 'image/png',
    });
    for (const svg of await page.locator('svg').all()) expect(await overlappingTexts(svg)).toEqual([]);
    await expect(page.locator('script')).toHaveCount(0);
  });
});
