import { test, expect } from '../../fixtures/test.js';
import { createAbortWatch } from '../../load/thresholds/abort-watch.js';
import { createHistogram, recordLatency } from '../../load/measure/histograms.js';
import { discoverWorkload } from '../../load/run/discover.js';
import { parseOptions } from '../../load/run/options.js';
import { runLoad } from '../../load/run/run-load.js';
import { runScenario } from '../../load/run/run-scenario.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { createSeriesRecorder } from '../../load/measure/series.js';
import { secretOf } from '../../load/target.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import { envOf, loadTargetOf, memoryReporter, reportDir, scenarioFile } from './load-helpers.js';
import { createSlowAfter } from './load-slow-after.js';

/** Feeds 1 s intervals (100 answers each, at `ms(i)`) to an abort watch; the notes it gave, by interval. */
function watch(rule: { rule: string; abortOnFail: true; delayAbortEval?: number }, ms: (i: number) => number) {
  const { rule: text, ...options } = rule;
  const stops: { at: number; note: string }[] = [];
  const onInterval = createAbortWatch([{ ...parseThreshold(text, 't'), ...options }], (note) => {
    stops.push({ at: r.series.requests.length, note });
  })!;
  const r = createSeriesRecorder(1000);
  const total = createHistogram();
  for (let i = 0; i < 8; i++) {
    for (let k = 0; k < 100; k++) {
      r.add(200, 100, ms(i));
      recordLatency(total, ms(i));
    }
    r.cut();
    onInterval(r.series, total);
  }
  return stops;
}

test.describe('abortOnFail rules judged while measuring', () => {
  // slow from the 4th second: a 2 s window breaks at 4 s; the whole run's median only once most answers are slow (7 s)
  const slowFrom3 = (i: number): number => (i >= 3 ? 80 : 2);
  for (const [rule, at, note] of [
    [
      { rule: 'p99 < 50 over 2s', abortOnFail: true },
      4,
      'aborted at 4 s: p99 < 50 over 2s lost (measured 80.063 in 2–4 s)',
    ],
    [
      { rule: 'p99 < 50 over 1s', abortOnFail: true, delayAbortEval: 5 },
      5,
      'aborted at 5 s: p99 < 50 over 1s lost (measured 80.063 in 4–5 s)',
    ],
    [{ rule: 'p50 < 50', abortOnFail: true }, 7, 'aborted at 7 s: p50 < 50 lost (measured 80.063 in 0–7 s)'],
  ] as const) {
    const delay = 'delayAbortEval' in rule ? ` after ${rule.delayAbortEval} s` : '';
    test(`"${rule.rule}"${delay} stops the scenario once, at ${at} s`, () => {
      expect(watch(rule, slowFrom3)).toEqual([{ at, note }]);
    });
  }

  test('a rule that holds, or one without abortOnFail, never stops the scenario', () => {
    expect(watch({ rule: 'p99 < 100 over 1s', abortOnFail: true }, slowFrom3)).toEqual([]);
    expect(createAbortWatch([parseThreshold('p99 < 1', 't')], () => {})).toBeUndefined();
  });
});

const FAST = 10; // answered at once; every later request waits 250 ms
const SLOW_DELAY_MS = 250;
const rule = (abort: boolean): string =>
  abort ? '{ rule: "p99 < 50 over 500ms", abortOnFail: true }' : '"p99 < 50 over 500ms"';
const fetchScenario = (abort: boolean, duration = 5): string =>
  `{ name: fetch, operation: fetch, warmup: 0, duration: ${duration}, connections: 4, thresholds: [${rule(abort)}] }`;
const ABORTED = /^aborted at [\d.]+ s: p99 < 50 over 500ms lost \(measured [\d.]+ in [\d.]+–[\d.]+ s\)$/;

/** One fetch scenario against a target that turns slow after FAST requests: the result and what the target received. */
async function againstSlowing(abort: boolean): Promise<{ result: ScenarioResult; received: number }> {
  const slowing = await createSlowAfter(FAST, SLOW_DELAY_MS);
  try {
    const target = loadTargetOf(slowing.target);
    const work = await discoverWorkload(target);
    const [s] = loadScenarioFile(scenarioFile(`scenarios: [${fetchScenario(abort)}]`));
    const drive = { url: slowing.url, publicUrl: target.publicUrl, secret: secretOf(target), paths: work.fetch };
    return { result: await runScenario(s, drive), received: slowing.requests };
  } finally {
    await slowing.stop();
  }
}

test.describe('abortOnFail (k6’s name): a lost rule stops its scenario at once', () => {
  test('a 5 s scenario against a target turning slow ends early, sending far fewer requests', async ({}, info) => {
    test.setTimeout(60_000);
    const aborted = await againstSlowing(true);
    const full = await againstSlowing(false);
    const description = `${aborted.received} vs ${full.received} requests; ${aborted.result.notes.join('; ')}`;
    info.annotations.push({ type: 'requests with and without abortOnFail', description });
    expect(aborted.result.notes.filter((n) => ABORTED.test(n))).toHaveLength(1);
    expect(aborted.result.passed).toBe(false);
    expect(aborted.result.duration).toBeLessThan(5);
    expect(full.result.notes.filter((n) => n.startsWith('aborted'))).toEqual([]);
    expect(full.result.thresholds[0].passed).toBe(false); // the rule is lost either way; only the load differs
    expect(aborted.received * 2).toBeLessThan(full.received);
  });

  test('the later scenarios of the run still run, and the console says why the aborted one stopped', async () => {
    test.setTimeout(60_000);
    const slowing = await createSlowAfter(FAST, SLOW_DELAY_MS);
    try {
      const list = '{ name: list, operation: list, warmup: 0, duration: 0.5, connections: 2 }';
      // 12 s would be cut into 200 ms intervals; the 500 ms window asks for 100 ms ones
      const file = scenarioFile(`scenarios: [${fetchScenario(true, 12)}, ${list}]`);
      const reporter = memoryReporter();
      const options = parseOptions([file, '--out', reportDir()]);
      const { result } = await runLoad({ options, env: envOf(slowing.target), reporter });
      const [fetch, later] = result.scenarios;
      expect(fetch.passed).toBe(false);
      expect(fetch.series.interval_ms).toBe(100);
      expect(later.requests.total).toBeGreaterThan(0);
      expect(later.notes).toEqual([]);
      expect(reporter.lines.join('\n')).toMatch(/^✗ fetch aborted at [\d.]+ s: p99 < 50 over 500ms lost/m);
      expect(result.passed).toBe(false);
    } finally {
      await slowing.stop();
    }
  });
});
