import { noOutcomes } from '../../load/send/outcomes.js';
import { test, expect } from '../../fixtures/test.js';
import { mergeHistograms, summarizeLatency } from '../../load/measure/histograms.js';
import { mergeScenario } from '../../load/merge/merge-results.js';
import { reportHtml } from '../../load/report/report-html.js';
import { loadResult } from '../../load/result/load-result.js';
import { reportMarkdown } from '../../load/report/report-markdown.js';
import { consoleTable } from '../../load/report/report-table.js';
import { finalize, type Counts, type ScenarioResult } from '../../load/result/scenario-result.js';
import { createSeriesRecorder, emptySeries, type Series } from '../../load/measure/series.js';
import { formatVerdict, judgeThresholds } from '../../load/thresholds/verdicts.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import { histogramOf } from '../../load/thresholds/window-value.js';
import { windowValues } from '../../load/thresholds/windows.js';

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
const verdicts = (s: Series, ...texts: string[]) => judgeThresholds(rules(...texts), wholeRun(s), { series: s });

test.describe('thresholds over windows (p99 < 50 over 5s)', () => {
  test('a p99 that holds on the whole run can break in one 5-second window, and the verdict names that window', () => {
    // 11 slow answers in each of seconds 10-14: 1.1 % of that window, 0.275 % of the run
    const s = seriesOf(20, { slow: (i) => (i >= 10 && i < 15 ? 11 : 0) });
    const [whole, windowed] = verdicts(s, 'p99 < 50', 'p99 < 50 over 5s');
    expect(whole).toMatchObject({ passed: true, measured: 2 });
    expect(windowed).toMatchObject({ passed: false, over_ms: 5000, window: { from_s: 10, to_s: 15 } });
    expect(windowed.measured).toBeCloseTo(SLOW_MS, 1);
    // sliding add/subtract gives each window exactly the histogram its intervals merge into
    const p99s = windowValues({ series: s }, 5000, 'latency.p99').map((w) => w.value);
    const fresh = s.requests.slice(4).map((_, i) => summarizeLatency(histogramOf(s, i, i + 5)).p99);
    expect(p99s).toEqual(fresh);
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
    const [rate, count, whole] = judgeThresholds(
      rules('error_rate < 0.01 over 2s', 'non2xx < 10 over 1s', 'non2xx < 100'),
      { non2xx: 50 },
      { series: s },
    );
    expect(rate).toMatchObject({ passed: false, measured: 0.025, window: { from_s: 5, to_s: 7 } });
    expect(count).toMatchObject({ passed: false, measured: 50, window: { from_s: 6, to_s: 7 } });
    expect(whole.passed).toBe(true);
  });

  test('error_rate over a window counts its transport errors and invalid samples, as the whole run does', () => {
    const r = createSeriesRecorder(1000);
    r.series.start = START;
    for (let i = 0; i < 6; i++) {
      for (let k = 0; k < 1000; k++) r.add(200, 100, 2);
      // second 2: 20 requests time out; second 4: 2 of 10 judged answers broke the contract (20 % of its 2xx)
      if (i === 2) r.failed('timed_out', 20);
      for (let k = 0; k < 10; k++) r.judged(!(i === 4 && k < 2));
      r.cut();
    }
    const [rate, errors, invalid] = judgeThresholds(
      rules('error_rate < 0.01 over 1s', 'errors < 10 over 1s', 'mismatches < 1 over 2s'),
      {},
      { series: r.series },
    );
    expect(rate).toMatchObject({ passed: false, measured: 0.2, window: { from_s: 4, to_s: 5 } });
    expect(errors).toMatchObject({ passed: false, measured: 20, window: { from_s: 2, to_s: 3 } });
    expect(invalid).toMatchObject({ passed: false, measured: 2 });
    const second2 = judgeThresholds(
      rules('error_rate < 0.5 over 1s'),
      {},
      { series: { ...r.series, invalid: [0, 0, 0, 0, 0, 0] } },
    );
    expect(second2[0]).toMatchObject({ measured: Number((20 / 1020).toPrecision(6)), window: { from_s: 2, to_s: 3 } });
  });

  test('requests per second count the window’s real length: a short last interval does not drag it down', () => {
    const s = seriesOf(6, { count: 1000 });
    s.requests[5] = 10; // the answers after the last full interval, before the run ended 10 ms later
    const timeline = { series: s, start: START, duration: 5.01 };
    const [two, one] = judgeThresholds(rules('rps > 900 over 2s', 'rps > 900 over 1s'), {}, timeline);
    expect(two).toMatchObject({ passed: true, measured: 1000 });
    expect(one).toMatchObject({ passed: true, measured: 1000 }); // a 10 ms window is too short to judge
    const [nominal] = judgeThresholds(rules('rps > 900 over 2s'), {}, { series: s });
    expect(nominal).toMatchObject({ passed: false, measured: 505, window: { from_s: 4, to_s: 6 } });
  });

  test('a run shorter than the window is judged as one window; a run without answers is not measured', () => {
    const short = seriesOf(3, { slow: () => 20 });
    const [v] = verdicts(short, 'p99 < 50 over 5s');
    expect(v).toMatchObject({ passed: false, window: { from_s: 0, to_s: 3 } });
    const [none] = judgeThresholds(rules('p99 < 50 over 5s'), {}, { series: emptySeries(1000) });
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
    outcomes: { ...noOutcomes(), started: total, answered: total },
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

  test('an input aborted by an abortOnFail rule fails the merge, whatever the merged numbers say', () => {
    const a = resultOf(seriesOf(4, {}), 'p99 < 50');
    const note = 'aborted at 2 s: p99 < 50 over 1s lost (measured 80 in 1–2 s)';
    const aborted = { ...resultOf(seriesOf(2, {}), 'p99 < 50'), notes: [note] };
    const merged = mergeScenario([a, aborted]);
    expect(merged.thresholds[0].passed).toBe(true);
    expect(merged).toMatchObject({ passed: false, notes: [note] });
  });
});

test.describe('windowed verdicts in the reports', () => {
  test('the console table, summary.md and report.html print the worst window', () => {
    const s = resultOf(seriesOf(10, { slow: (i) => (i === 7 ? 30 : 0) }), 'p99 < 50', 'p99 < 50 over 2s');
    const result = loadResult({ url: 'http://127.0.0.1:1', embedded: true }, new Date(START), [s]);
    const line = /✗ fetch p99 < 50 over 2s measured 73\.2\d* \(worst window 6–8 s\)/;
    const html = reportHtml(result).replaceAll('&#60;', '<');
    for (const text of [consoleTable([s]), reportMarkdown(result), html]) expect(text).toMatch(line);
  });
});
