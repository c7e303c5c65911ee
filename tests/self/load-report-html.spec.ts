import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '../../fixtures/test.js';
import { test, expect } from '../../fixtures/test.js';
import { CHROMIUM, CHROMIUM_ARGS } from './debian-chromium.js';
import type { LoadResult } from '../../load/report-json.js';
import { runLoad } from '../../load/run-load.js';
import { memoryReporter, reportDir, shortRun } from './load-helpers.js';

const shown = (v: number): string => String(Number(v.toPrecision(4)));

test.describe('load HTML report (in real headless Chromium)', () => {
  test.skip(
    !existsSync(CHROMIUM),
    `${CHROMIUM} is missing (apt-get install chromium); the HTML report rendering test is skipped`,
  );

  test('opens from disk and draws the latency and throughput charts with the measured values', async ({}, testInfo) => {
    const out = reportDir();
    await runLoad({
      options: shortRun(out, undefined, ['--scenario', 'fetch,list', '--connections', '2', '--duration', '0.5']),
      env: {},
      reporter: memoryReporter(),
    });
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as LoadResult;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      for (const s of result.scenarios) {
        const latency = page.locator(`svg.latency-chart[data-scenario="${s.name}"]`);
        await expect(latency).toBeVisible();
        await expect(latency.locator('circle.point')).toHaveCount(10);
        await expect(latency.locator('circle.point[data-percentile="99"]')).toHaveAttribute(
          'data-ms',
          String(s.latency.p99),
        );
        await expect(latency.locator('circle.point[data-percentile="100"]')).toHaveAttribute(
          'data-ms',
          String(s.latency.max),
        );
        for (const v of [s.latency.p50, s.latency.p99, s.latency.max])
          await expect(latency.locator('text.value', { hasText: new RegExp(`^${shown(v)}$`) }).first()).toBeVisible();
        const box = (await latency.boundingBox())!;
        const top = (await latency.locator('circle.point[data-percentile="100"]').boundingBox())!;
        expect(top.y, 'the max point is drawn inside the chart').toBeGreaterThanOrEqual(box.y);

        const throughput = page.locator(`svg.throughput-chart[data-scenario="${s.name}"]`);
        await expect(throughput).toBeVisible();
        await expect(throughput.locator('rect.bar')).toHaveCount(s.series.requests.length);
        const rps = await throughput
          .locator('rect.bar')
          .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-rps'))));
        expect(rps).toEqual(s.series.requests.map((c) => Math.round((c * 1000) / s.series.interval_ms)));
        const heights = await throughput
          .locator('rect.bar')
          .evaluateAll((bars) => bars.map((b) => (b as SVGGraphicsElement).getBBox().height));
        expect(Math.max(...heights), 'the busiest interval has a visible bar').toBeGreaterThan(10);
        await expect(throughput.locator('text.value[data-metric="rps"]')).toHaveText(
          `average ${shown(s.requests.average)} req/s over ${s.duration} s`,
        );
      }
      await testInfo.attach('load-report', {
        body: await page.screenshot({ fullPage: true }),
        contentType: 'image/png',
      });
      expect(
        requests.filter((u) => !u.startsWith('file:')),
        'the report needs no network',
      ).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
