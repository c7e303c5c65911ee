import { test, expect } from '../../fixtures/test.js';
import { mergeHistograms, summarizeLatency } from '../../load/histograms.js';
import { mergeScenario } from '../../load/merge-results.js';
import { finalize, type Counts, type ScenarioResult } from '../../load/scenario-result.js';
import { createSeriesRecorder, emptySeries, type Series } from '../../load/series.js';
import { formatVerdict, judge, parseThreshold } from '../../load/thresholds.js';
import { discover } from '../../load/discover.js';
import { parseOptions } from '../../load/options.js';
import { runLoad } from '../../load/run-load.js';
import { runScenario } from '../../load/run-scenario.js';
import { loadScenarioFile } from '../../load/scenario-file.js';
import { secretOf } from '../../load/target.js';
import { envOf, loadTargetOf, memoryReporter, reportDir, scenarioFile } from './load-helpers.js';
import { createSlowAfter } from './load-slow-after.js';

const START = '2026-01-01T00:00:00.000Z';
const SLOW_MS = 73.2;
/** Interval i of a 1 s series: `count` answers, `slow` of them at 73.2 ms (the rest at 2 ms), `failed` of them 404. */
interface Shape {
  count?: number;
  slow?: (i: number) => number;
  failed?: (i: number) => number;
  start?: string;
}

function seriesOf(intervals: number, { count = 1000, slow = () => 0, failed = () => 0, start = START }: Shape): Series {
  const r = createSeriesRecorder(1000);
  r.series.start = start;
  for (let i = 0; i < intervals; i++) {
    for (let k = 0; k < count; k++) r.add(k < failed(i) ? 404 : 200, 100, k < slow(i) ? SLOW_MS : 2);
    r.cut();
  }
  return r.series;
}

const rules = (...texts: string[]) => texts.map((t) => parseThreshold(t, 'test'));
/** The whole-run numbers a rule without a window reads, from the series itself. */
const wholeRun = (s: Series) => ({ latency: summarizeLatency(mergeHistograms(s.histograms.filter(Boolean))) });
const verdicts = (s: Series, ...texts: string[]) => judge(rules(...texts), wholeRun(s), { series: s });

test.describe('thresholds over windows (p99 < 50 over 5s)', () => {
  test('a p99 that holds on the whole run can break in one 5-second window, and the verdict names that window', () => {
    // 11 slow answers in each of seconds 10-14: 1.1 % of that window, 0.275 % of the run
    const s = seriesOf(20, { slow: (i) => (i >= 10 && i < 15 ? 11 : 0) });
    const [whole, windowed] = verdicts(s, 'p99 < 50', 'p99 < 50 over 5s');
    expect(whole).toMatchObject({ passed: true, measured: 2 });
    expect(windowed).toMatchObject({ passed: false, over_ms: 5000, window: { from_s: 10, to_s: 15 } });
    expect(windowed.measured).toBeCloseTo(SLOW_MS, 1);
    expect(formatVerdict('fetch', windowed)).toMatch(
      /^✗ fetch p99 < 50 over 5s measured 73\.2\d* \(worst window 10–15 s\)$/,
    );
  });

  test('a rule that every window keeps passes, and shows the window that came closest', () => {
    const s = seriesOf(10, { slow: (i) => (i === 3 ? 5 : 0) });
    const [p99, max] = verdicts(s, 'p99 < 50 over 2s', 'max < 100 over 2s');
    expect(p99).toMatchObject({ passed: true, measured: 2, window: { from_s: 0, to_s: 2 } });
    expect(max).toMatchObject({ passed: true, window: { from_s: 2, to_s: 4 } });
    const line = /^✓ fetch max < 100 over 2s measured 73\.2\d* \(worst window 2–4 s\)$/;
    expect(formatVerdict('fetch', max)).toMatch(line);
  });

  test('error_rate and non2xx over a window count the non-2xx answers of that window', () => {
    const s = seriesOf(10, { failed: (i) => (i === 6 ? 50 : 0) }); // 0.5 % of the run, 2.5 % of seconds 5-7
    const [rate, count, whole] = judge(
      rules('error_rate < 0.01 over 2s', 'non2xx < 10 over 1s', 'non2xx < 100'),
      { non2xx: 50 },
      { series: s },
    );
    expect(rate).toMatchObject({ passed: false, measured: 0.025, window: { from_s: 5, to_s: 7 } });
    expect(count).toMatchObject({ passed: false, measured: 50, window: { from_s: 6, to_s: 7 } });
    expect(whole.passed).toBe(true);
  });

  test('requests per second count the window’s real length: a short last interval does not drag it down', () => {
    const s = seriesOf(6, { count: 1000 });
    s.requests[5] = 10; // the answers after the last full interval, before the run ended 10 ms later
    const timeline = { series: s, start: START, duration: 5.01 };
    const [two, one] = judge(rules('rps > 900 over 2s', 'rps > 900 over 1s'), {}, timeline);
    expect(two).toMatchObject({ passed: true, measured: 1000 });
    expect(one).toMatchObject({ passed: true, measured: 1000 }); // a 10 ms window is too short to judge
    const [nominal] = judge(rules('rps > 900 over 2s'), {}, { series: s });
    expect(nominal).toMatchObject({ passed: false, measured: 505, window: { from_s: 4, to_s: 6 } });
  });

  test('a run shorter than the window is judged as one window; a run without answers is not measured', () => {
    const short = seriesOf(3, { slow: () => 20 });
    const [v] = verdicts(short, 'p99 < 50 over 5s');
    expect(v).toMatchObject({ passed: false, window: { from_s: 0, to_s: 3 } });
    const [none] = judge(rules('p99 < 50 over 5s'), {}, { series: emptySeries(1000) });
    expect(none).toMatchObject({ passed: false, measured: null });
    expect(formatVerdict('fetch', none)).toBe('✗ fetch p99 < 50 over 5s measured not measured');
  });

  test('a window in which nothing was answered breaks a latency rule', () => {
    const s = seriesOf(6, { count: 100 });
    for (const i of [2, 3]) {
      s.requests[i] = 0;
      s.histograms[i] = '';
      s.status_codes['200'][i] = 0;
    }
    const [v] = verdicts(s, 'p99 < 50 over 2s');
    expect(v).toMatchObject({ passed: false, measured: null, window: { from_s: 2, to_s: 4 } });
    expect(formatVerdict('fetch', v)).toBe('✗ fetch p99 < 50 over 2s measured no answer (worst window 2–4 s)');
  });
});

/** A finished one-generator result around a series (1 s intervals), judged by `texts`. */
function resultOf(s: Series, ...texts: string[]): ScenarioResult {
  const total = s.requests.reduce((a, b) => a + b, 0);
  const settings = { connections: 4, pipelining: 1, rate: null, pageSize: null, warmup: 0, duration: 10 };
  const counts: Counts = {
    ...{ name: 'fetch', operation: 'fetch', mode: 'closed', urls: 12, generators: 1, parts: [], notes: [] },
    settings: { ...settings, maxRequests: 1e6, timeout: 5, sampleEvery: 100 },
    ...{ start: s.start, duration: s.requests.length, requests: { total, sent: total }, throughput: { total } },
    ...{ errors: 0, timeouts: 0, non2xx: 0, mismatches: 0, sampled: 0, rate_limited: 0, retry_after: 0 },
    ...{ status_codes: { 200: total }, series: s, invalid_examples: [] },
  };
  return finalize(counts, mergeHistograms(s.histograms.filter(Boolean)), rules(...texts));
}

test.describe('windowed rules after a merge', () => {
  test('are judged on the merged series, lined up by start time', () => {
    // generator a is slow (2 %) in its first 5 s; b starts 5 s later, so nothing of b dilutes a's slow window
    const a = resultOf(seriesOf(10, { slow: (i) => (i < 5 ? 20 : 0) }), 'p99 < 50 over 5s');
    const b = resultOf(seriesOf(10, { start: '2026-01-01T00:00:05.000Z' }), 'p99 < 50 over 5s');
    expect(b.thresholds[0].passed).toBe(true);
    const merged = mergeScenario([a, b]);
    expect(merged.series.requests).toHaveLength(15);
    expect(merged.thresholds[0]).toMatchObject({ passed: false, window: { from_s: 0, to_s: 5 } });
    expect(merged.passed).toBe(false);
  });
});

const FAST = 10; // answered at once; every later request waits 250 ms
const SLOW_DELAY_MS = 250;
const rule = (abort: boolean): string =>
  abort ? '{ rule: "p99 < 50 over 500ms", abortOnFail: true }' : '"p99 < 50 over 500ms"';
const fetchScenario = (abort: boolean): string =>
  `{ name: fetch, operation: fetch, warmup: 0, duration: 5, connections: 4, thresholds: [${rule(abort)}] }`;
const ABORTED = /^aborted at [\d.]+ s: p99 < 50 over 500ms lost \(measured [\d.]+ in [\d.]+–[\d.]+ s\)$/;

/** One fetch scenario against a target that turns slow after FAST requests: the result and what the target received. */
async function againstSlowing(abort: boolean): Promise<{ result: ScenarioResult; received: number }> {
  const slowing = await createSlowAfter(FAST, SLOW_DELAY_MS);
  try {
    const target = loadTargetOf(slowing.target);
    const work = await discover(target);
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
      const file = scenarioFile(`scenarios: [${fetchScenario(true)}, ${list}]`);
      const reporter = memoryReporter();
      const options = parseOptions([file, '--out', reportDir()]);
      const { result } = await runLoad({ options, env: envOf(slowing.target), reporter });
      const [fetch, later] = result.scenarios;
      expect(fetch.passed).toBe(false);
      expect(later.requests.total).toBeGreaterThan(0);
      expect(later.notes).toEqual([]);
      expect(reporter.lines.join('\n')).toMatch(/^✗ fetch aborted at [\d.]+ s: p99 < 50 over 500ms lost/m);
      expect(result.passed).toBe(false);
    } finally {
      await slowing.stop();
    }
  });
});
