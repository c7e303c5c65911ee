import { test, expect } from '../../fixtures/test.js';
import { timeSpanOf } from '../../load/report/chart-axes.js';
import { binsOf, MAX_BINS } from '../../load/report/chart-bins.js';
import { mergeHistograms } from '../../load/measure/histograms.js';
import { reportHtml } from '../../load/report/report-html.js';
import type { LoadResult } from '../../load/result/load-result.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import type { Series } from '../../load/measure/series.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import { builtResult } from './built-result.js';

const RULES = [parseThreshold('p99 < 50', 'test')];
const START = '2026-01-01T00:00:00.000Z';
/** A run of `intervals` intervals of 1 s, 10 answers each, latency rising and falling, every fifth answer a 503. */
const result = (intervals: number, start = START): LoadResult =>
  builtResult({
    ...{ pid: 1, start, answers: intervals * 10, intervalMs: 1000, perInterval: 10, rules: RULES },
    status: (i) => (i % 5 === 4 ? 503 : 200),
    ms: (i) => 1 + (Math.floor(i / 10) % 17) + (i % 3),
  });
const run = (intervals: number, start = START): ScenarioResult => result(intervals, start).scenarios[0];
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const msAt = (s: Series, first: number, last: number, p: number): number =>
  Math.round(mergeHistograms(s.histograms.slice(first, last + 1)).getValueAtPercentile(p)) / 1000;

test.describe('chart bins (how many intervals one bar or point shows)', () => {
  test(`a run of up to ${MAX_BINS} intervals is drawn interval by interval, with the series' own numbers`, () => {
    const s = run(MAX_BINS);
    const bins = binsOf(s.series, timeSpanOf(s.series));
    expect(bins.map((b) => [b.first, b.last])).toEqual(s.series.requests.map((_, i) => [i, i]));
    expect(bins.map((b) => b.latency.p99)).toEqual(s.series.latency.p99);
    expect(bins.map((b) => b.requests)).toEqual(s.series.requests);
  });

  test(`a long run is drawn in at most ${MAX_BINS} bins: counts add up, percentiles are the merged histograms'`, () => {
    const s = run(600);
    const bins = binsOf(s.series, timeSpanOf(s.series));
    expect(bins.length).toBeLessThanOrEqual(MAX_BINS);
    expect(bins.map((b) => b.first)).toEqual(bins.map((_, k) => k * 5));
    expect(sum(bins.map((b) => b.requests))).toBe(s.requests.total);
    expect(sum(bins.map((b) => b.codes['503']))).toBe(s.status_codes['503']);
    for (const b of bins) {
      expect(b.latency.p99, `bin ${b.first}–${b.last}`).toBe(msAt(s.series, b.first, b.last, 99));
      expect(b.latency.max).toBe(msAt(s.series, b.first, b.last, 100));
      expect([b.from_s, b.to_s]).toEqual([b.first, b.last + 1]);
    }
  });

  test('a generator that started later fills the later bins of the merged span, on the same bin edges', () => {
    const early = run(600).series;
    const late = run(597, '2026-01-01T00:00:03.000Z').series;
    const bins = binsOf(late, timeSpanOf(early));
    expect(bins[0]).toMatchObject({ first: 0, last: 1, from_s: 3, to_s: 5 });
    expect(bins[1]).toMatchObject({ first: 2, last: 6, from_s: 5, to_s: 10 });
    expect(sum(bins.map((b) => b.requests))).toBe(sum(late.requests));
  });

  test('the report of a ten-minute run stays small: bins, not every interval', () => {
    const html = reportHtml(result(600));
    expect(html.length, 'bytes of report.html').toBeLessThan(200_000);
  });
});
