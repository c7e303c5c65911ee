import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '../../fixtures/test.js';
import { axisAt, openBrowser, overlappingTexts, readChart, type Browser, type Page } from './chart-reading.js';
import { CHROMIUM } from './debian-chromium.js';
import { mergeHistograms } from '../../load/measure/histograms.js';
import type { LoadResult } from '../../load/result/load-result.js';
import { runLoad } from '../../load/run/run-load.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { memoryReporter, reportDir, scenarioFile, shortRun } from './load-helpers.js';

// Rules on and off the latency axis, passing and failing, by alias and by full metric name.
const SCENARIOS = `
defaults: { warmup: 0.1, connections: 2, sampleEvery: 10 }
scenarios:
  - name: fetch
    operation: fetch
    thresholds: ["p99 < 50", "max < 100000", "latency.mean < 0.001", "p99.9 < 200", "error_rate < 0.001"]
  - { name: list, operation: list, pageSize: 50, thresholds: ["p50 < 100", "p90 < 0.001"] }
`;
const LATENCY_CHARTS = ['latency-time-chart', 'percentile-chart'];
const chart = (page: Page, cls: string, s: ScenarioResult) =>
  page.locator(`section.scenario > .charts > svg.${cls}[data-scenario="${s.name}"]`);

test.describe('load HTML report of a real run (in real headless Chromium)', () => {
  test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium); the report test is skipped`);
  test.describe.configure({ mode: 'default' }); // one run, one browser, read by every test below
  let browser: Browser, page: Page, result: LoadResult;
  let requests: string[] = [];
  test.beforeAll(async () => {
    const out = reportDir();
    const options = shortRun(out, scenarioFile(SCENARIOS), ['--duration', '0.8']);
    await runLoad({ options, env: {}, reporter: memoryReporter() });
    result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as LoadResult;
    ({ browser, page, requests } = await openBrowser());
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
  });
  test.afterAll(async () => browser?.close());

  test('latency over time shows each interval’s p50, p99 and max as result.json has them (null: a gap)', async () => {
    for (const s of result.scenarios) {
      const { points, plot } = await readChart(chart(page, 'latency-time-chart', s));
      for (const line of ['p50', 'p99', 'max'] as const) {
        const drawn = new Array<number | null>(s.series.requests.length).fill(null);
        for (const p of points.filter((q) => q.series === line)) {
          expect(p.first, 'a short run draws each interval on its own').toBe(p.last);
          drawn[Number(p.first)] = Number(p.ms);
        }
        expect(drawn, `${s.name} ${line} per interval`).toEqual(s.series.latency[line]);
      }
      for (const p of points) {
        expect(Number(p.cx), `${s.name} point inside the plot`).toBeGreaterThanOrEqual(plot.left);
        expect(Number(p.cx)).toBeLessThanOrEqual(plot.right);
        expect(Number(p.cy)).toBeGreaterThanOrEqual(plot.top);
        expect(Number(p.cy)).toBeLessThanOrEqual(plot.bottom);
      }
    }
  });

  test('the percentile chart’s points are the raw histogram’s values at their percentiles, max too', async () => {
    for (const s of result.scenarios) {
      const h = mergeHistograms([s.histogram]);
      const { points } = await readChart(chart(page, 'percentile-chart', s));
      expect(points.length, 'a curve, not a handful of dots').toBeGreaterThan(20);
      for (const p of points)
        expect(Number(p.ms), `${s.name} at ${p.percentile} %`).toBe(
          Math.round(h.getValueAtPercentile(Number(p.percentile))) / 1000,
        );
      const at = (pc: number): number => Number(points.find((p) => Number(p.percentile) === pc)?.ms);
      expect([at(50), at(90), at(99), at(100)]).toEqual([s.latency.p50, s.latency.p90, s.latency.p99, s.latency.max]);
    }
  });

  test('the nines axis is labelled 50 %, 90 %, 99 %, 99.9 %, 99.99 % and max, one nine a decade apart', async () => {
    for (const s of result.scenarios) {
      const { xTicks, plot } = await readChart(chart(page, 'percentile-chart', s));
      expect(xTicks.map((t) => t.label)).toEqual(['50 %', '90 %', '99 %', '99.9 %', '99.99 %', 'max']);
      const [p50, p90, p99, p999, p9999, max] = xTicks.map((t) => t.px);
      const decade = p99 - p90;
      for (const [a, b] of [
        [p99, p999],
        [p999, p9999],
      ])
        expect(b - a, 'each nine equally spaced').toBeCloseTo(decade, 0);
      expect(p90 - plot.left, '0 % at the left edge, 90 % one decade on').toBeCloseTo(decade, 0);
      expect(p50 - plot.left, '50 % at log10(2) of a decade').toBeCloseTo(Math.log10(2) * decade, 0);
      expect(max, 'max at the right edge').toBeCloseTo(plot.right, 0);
    }
  });

  test('each latency rule is a dashed line at its value’s y; a rule far above the data is at the top', async () => {
    for (const s of result.scenarios)
      for (const cls of LATENCY_CHARTS) {
        const { rules, yTicks, plot } = await readChart(chart(page, cls, s));
        const expected = s.thresholds.filter((v) => v.metric.startsWith('latency.'));
        expect(rules.map((r) => [r.rule, r.value])).toEqual(expected.map((v) => [v.rule, v.value]));
        for (const r of rules) {
          expect(r.dashed && r.y1 === r.y2, `${r.rule} is a dashed horizontal line`).toBe(true);
          const top = yTicks[yTicks.length - 1].value;
          expect(r.offScale, `${r.rule} is off the scale exactly when above the top tick`).toBe(r.value > top);
          const y = r.offScale ? plot.top : axisAt(yTicks, r.value);
          expect(Math.abs(r.y1 - y), `${s.name} ${cls} ${r.rule} at y ${y}`).toBeLessThan(0.15);
        }
      }
  });

  test('the status-code legend names each code with its total; the points add up to the series', async () => {
    for (const s of result.scenarios) {
      const svg = chart(page, 'status-chart', s);
      const legend = await svg
        .locator('g.legend-item')
        .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-code'), Number(g.getAttribute('data-total'))]));
      expect(Object.fromEntries(legend)).toEqual(s.status_codes);
      await expect(svg.locator('g.legend-item text').first()).toHaveText(`200: ${s.status_codes['200']}`);
      const { points } = await readChart(svg);
      for (const [code, counts] of Object.entries(s.series.status_codes)) {
        const drawn = counts.map(() => 0); // an interval without that code draws no segment
        for (const p of points.filter((q) => q.code === code)) drawn[Number(p.first)] = Number(p.count);
        expect(drawn, `${s.name} ${code} per interval`).toEqual(counts);
      }
    }
  });

  test('requests/s has one bar per interval with the series’ count, on ticked axes', async () => {
    for (const s of result.scenarios) {
      const svg = chart(page, 'throughput-chart', s);
      const bars = await svg
        .locator('rect.bar')
        .evaluateAll((rs) => rs.map((r) => [Number(r.getAttribute('data-count')), Number(r.getAttribute('data-rps'))]));
      expect(bars.map(([n]) => n)).toEqual(s.series.requests);
      expect(bars.map(([, rps]) => rps)).toEqual(
        s.series.requests.map((c) => Math.round((c * 1000) / s.series.interval_ms)),
      );
      const { xTicks, yTicks } = await readChart(svg);
      expect(xTicks.length, 'seconds ticked').toBeGreaterThanOrEqual(3);
      expect(yTicks.length, 'req/s ticked').toBeGreaterThanOrEqual(3);
    }
  });

  test('no label overlaps another in any chart', async () => {
    for (const svg of await page.locator('svg').all()) expect(await overlappingTexts(svg)).toEqual([]);
  });

  test('the page loads nothing from the network and has no script', async ({}, testInfo) => {
    await testInfo.attach('load-report', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    expect(requests, 'only the report file itself').toEqual([page.url()]);
    await expect(page.locator('script')).toHaveCount(0);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      /default-src 'none'/,
    );
  });
});
