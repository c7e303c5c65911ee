import { existsSync } from 'node:fs';
import { expect, test } from '../../fixtures/test.js';
import { failedOf } from '../../load/send/outcomes.js';
import { loadResult } from '../../load/result/load-result.js';
import { reportHtml } from '../../load/report/report-html.js';
import { consoleTable } from '../../load/report/report-table.js';
import { judgeThresholds } from '../../load/thresholds/verdicts.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { openBrowser, type Browser, type Page } from './chart-reading.js';
import { CHROMIUM } from './debian-chromium.js';
import { runFetch, withRestarts, type Restarted } from './load-pair-stub.js';

// Issue 19 part 4: when the target stopped answering, why, and when it came back: console, series and status chart.
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
/** The note's times are rounded to 0.1 s. */
const ROUNDING_S = 0.05;

test.describe('a target down for a while, then back on the same port', () => {
  test.describe.configure({ mode: 'default' }); // one run, read by every test below
  let run: Restarted<ScenarioResult>;
  let r: ScenarioResult;
  /** Seconds from the measured start: when the stub was asked to die, and when the next one was told to listen. */
  let down: { from: number; to: number };
  test.beforeAll(async () => {
    const plan = { restarts: 1, upMs: 600, downMs: 500 };
    run = await withRestarts(60, {}, plan, (a) => runFetch(a, 'connections: 4, duration: 2'));
    r = run.result;
    const start = Date.parse(r.series.start);
    down = { from: (run.restarts[0].killAt - start) / 1000, to: (run.restarts[0].listenAt - start) / 1000 };
  });

  test('the console names the span without an answer, why, and when answers came back', () => {
    const notes = r.notes.filter((n) => n.startsWith('no answer from '));
    expect(notes, r.notes.join('\n')).toHaveLength(1);
    const m = /^no answer from (\d+\.\d) s to (\d+\.\d) s: (.*)$/.exec(notes[0]);
    expect(m, notes[0]).not.toBeNull();
    const [from, to] = [Number(m![1]), Number(m![2])];
    // causal bounds only: answers came until the kill was asked for, and none before the next stub listened
    expect(from, notes[0]).toBeGreaterThanOrEqual(down.from - ROUNDING_S);
    expect(from, notes[0]).toBeLessThan(down.to);
    expect(to, notes[0]).toBeGreaterThanOrEqual(down.to - ROUNDING_S);
    expect(m![3]).toMatch(/connection refused ×\d+/);
    const printed = consoleTable([r]);
    expect(printed).toContain(`✗ ${r.name} ${notes[0]}`);
    expect(printed).toContain(`${r.name} requests: ${r.outcomes.started} started: ${r.outcomes.answered} answered`);
  });

  test('the series counts connect errors and resets per interval, each request once', () => {
    const s = r.series;
    expect(sum(s.connect_errors)).toBe(r.outcomes.connect_failed);
    expect(sum(s.resets)).toBe(r.outcomes.failed_after_send);
    expect(sum(s.errors)).toBe(failedOf(r.outcomes));
    // refused connections only while the stub was down: from the kill's interval to the one after the restart
    const at = (i: number): number => (i * s.interval_ms) / 1000;
    s.connect_errors.forEach((n, i) => {
      if (n > 0) expect(at(i), `interval ${i}`).toBeGreaterThanOrEqual(down.from - s.interval_ms / 1000);
      if (n > 0) expect(at(i), `interval ${i}`).toBeLessThanOrEqual(down.to + s.interval_ms / 1000);
    });
  });

  test('thresholds read the buckets: connect errors over the run, resets over windows', () => {
    const rules = [parseThreshold('connect_errors < 1', 't'), parseThreshold('resets < 1 over 500ms', 't')];
    const [whole, windowed] = judgeThresholds(rules, r, { series: r.series, start: r.start, duration: r.duration });
    expect(whole).toMatchObject({ passed: false, measured: r.outcomes.connect_failed });
    expect(windowed.passed).toBe(false);
    expect(windowed.measured).toBeGreaterThan(0);
    expect(windowed.measured).toBeLessThanOrEqual(r.outcomes.failed_after_send);
  });

  test.describe('the status chart (in real headless Chromium)', () => {
    test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
    let browser: Browser, page: Page;
    test.beforeAll(async () => {
      ({ browser, page } = await openBrowser());
      await page.setContent(reportHtml(loadResult({ url: 'http://127.0.0.1:1', embedded: false }, new Date(), [r])));
    });
    test.afterAll(async () => browser?.close());

    test('draws each interval’s failed requests on top of its answers, and shades the span without an answer', async () => {
      const svg = page.locator('svg.status-chart');
      const drawn = await svg
        .locator('rect.failure')
        .evaluateAll((rs) =>
          rs.map((x) => [
            x.getAttribute('data-outcome'),
            Number(x.getAttribute('data-first')),
            Number(x.dataset.count),
          ]),
        );
      const per = (outcome: string): number[] => {
        const out = r.series.requests.map(() => 0);
        for (const [o, i, n] of drawn) if (o === outcome) out[i as number] = n as number;
        return out;
      };
      expect(per('connect_failed')).toEqual(r.series.connect_errors);
      expect(per('failed_after_send')).toEqual(r.series.resets);
      const legend = await svg
        .locator('g.legend-item[data-outcome]')
        .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-outcome'), Number(g.getAttribute('data-total'))]));
      expect(Object.fromEntries(legend)).toMatchObject({
        connect_failed: r.outcomes.connect_failed,
        failed_after_send: r.outcomes.failed_after_send,
      });
      const bands = await svg
        .locator('rect.outage')
        .evaluateAll((rs) => rs.map((x) => [Number(x.getAttribute('data-from')), Number(x.getAttribute('data-to'))]));
      // the band covers the intervals without an answer: it begins after the last answer, ends before the next
      const note = /^no answer from (\d+\.\d) s to (\d+\.\d) s/.exec(r.notes.find((n) => n.startsWith('no answer'))!)!;
      const step = r.series.interval_ms / 1000 + ROUNDING_S;
      expect(bands).toHaveLength(1);
      const [[from, to]] = bands;
      expect(from - Number(note[1])).toBeGreaterThanOrEqual(-ROUNDING_S);
      expect(from - Number(note[1])).toBeLessThanOrEqual(step);
      expect(Number(note[2]) - to).toBeGreaterThanOrEqual(-ROUNDING_S);
      expect(Number(note[2]) - to).toBeLessThanOrEqual(step);
    });
  });
});
