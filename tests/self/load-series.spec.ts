import { test, expect } from '../../fixtures/test.js';
import { createHistogram, mergeHistograms, recordLatency, summarizeLatency } from '../../load/measure/histograms.js';
import { createSeriesRecorder, mergeSeries, type Series } from '../../load/measure/series.js';
import { runAgainst } from './load-helpers.js';

/** A series of `intervals` intervals from `start`, interval i holding answers with latencies `ms(i, k)`, k < count. */
function seriesOf(start: string, intervals: number, count: number, ms: (i: number, k: number) => number): Series {
  const r = createSeriesRecorder(1000);
  r.series.start = start;
  for (let i = 0; i < intervals; i++) {
    for (let k = 0; k < count; k++) r.add(k % 10 === 0 ? 404 : 200, 50, ms(i, k));
    r.cut();
  }
  return r.series;
}

/** True when every value is within 0.1 % of the expected one (HdrHistogram's 3 significant digits). */
const within = (got: (number | null)[], want: number[]): boolean =>
  got.length === want.length && got.every((v, i) => v !== null && Math.abs(v - want[i]) <= want[i] * 1e-3);

test.describe('series per interval (charts, windows, merges)', () => {
  test('each interval keeps its answers, bytes, status codes and its own percentiles', () => {
    const s = seriesOf('2026-01-01T00:00:00.000Z', 2, 100, (i, k) => (i + 1) * (k + 1));
    expect(s.requests).toEqual([100, 100]);
    expect(s.bytes).toEqual([5000, 5000]);
    expect(s.status_codes).toEqual({ 404: [10, 10], 200: [90, 90] });
    // HDR buckets keep 3 significant digits: a value reads back within 0.1 %
    expect(within(s.latency.max, [100, 200])).toBe(true);
    expect(within(s.latency.p50, [50, 100])).toBe(true);
    expect(summarizeLatency(mergeHistograms([s.histograms[1]])).p99).toBe(s.latency.p99[1]);
  });

  test('an interval without answers has no latency (null), not a zero', () => {
    const r = createSeriesRecorder(500);
    r.cut();
    expect(r.series.latency).toEqual({ p50: [null], p99: [null], max: [null] });
    expect(r.series.histograms).toEqual(['']);
  });

  test('a merge lines generators up by start time and merges each interval exactly', () => {
    const a = seriesOf('2026-01-01T00:00:00.000Z', 3, 10, (i) => 1 + i);
    const b = seriesOf('2026-01-01T00:00:01.004Z', 3, 20, (i) => 10 + i); // started one interval (and 4 ms) later
    const m = mergeSeries([a, b]);
    expect(m.start).toBe(a.start);
    expect(m.requests).toEqual([10, 30, 30, 20]);
    expect(m.status_codes['404']).toEqual([1, 3, 3, 2]);
    const both = createHistogram();
    for (let k = 0; k < 10; k++) recordLatency(both, 2);
    for (let k = 0; k < 20; k++) recordLatency(both, 10);
    expect(summarizeLatency(mergeHistograms([m.histograms[1]]))).toEqual(summarizeLatency(both));
    expect(within(m.latency.max, [1, 10, 11, 12])).toBe(true);
  });

  test('a real run counts each timeout and each judged answer in its interval', async () => {
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    // answers that never end time out after 1 s: the series must hold every one, where it happened
    const hung = await runAgainst('never-ends', { duration: 2.5 });
    expect(hung.timeouts).toBeGreaterThan(0);
    expect(sum(hung.series.errors)).toBe(hung.timeouts);
    const invalid = await runAgainst('invalid-json', { duration: 0.6 });
    expect(invalid.sampled).toBeGreaterThan(0);
    expect([sum(invalid.series.sampled), sum(invalid.series.invalid)]).toEqual([invalid.sampled, invalid.mismatches]);
  });
});
