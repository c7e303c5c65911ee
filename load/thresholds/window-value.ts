import type { Histogram } from 'hdr-histogram-js';
import { mergeHistograms } from '../measure/histograms.js';
import type { Series } from '../measure/series.js';

/** Where a window lies: seconds from the start of interval 0 (the chart's time axis). */
export interface WindowSpan {
  from_s: number;
  to_s: number;
}
/** What one window (or the run so far) measured: the source of every metric judged over time. */
export interface WindowMeasure {
  span: WindowSpan;
  histogram: Histogram;
  answers: number;
  bytes: number;
  non2xx: number;
  /** Requests failed without an answer (of them: failed to connect, and reset or closed after they were sent),
   * answers judged, and judged answers that broke the contract. */
  errors: number;
  connect_errors: number;
  resets: number;
  sampled: number;
  invalid: number;
  /** The window's length in ms (the run's first and last intervals may be cut short). */
  ms: number;
}

const non2xxAt = (s: Series, j: number): number =>
  Object.entries(s.status_codes).reduce((a, [code, list]) => a + (code.startsWith('2') ? 0 : (list[j] ?? 0)), 0);

/** The counts of intervals [i, j) of a series, given each interval's bounds in ms and the window's histogram. */
export function measureOf(
  s: Series,
  [i, j]: [number, number],
  histogram: Histogram,
  b: { from: number[]; to: number[] },
): WindowMeasure {
  const c = { answers: 0, bytes: 0, non2xx: 0, errors: 0, connect_errors: 0, resets: 0, sampled: 0, invalid: 0 };
  for (let x = i; x < j; x++) {
    c.answers += s.requests[x];
    c.bytes += s.bytes[x];
    c.non2xx += non2xxAt(s, x);
    c.errors += s.errors?.[x] ?? 0;
    c.connect_errors += s.connect_errors?.[x] ?? 0;
    c.resets += s.resets?.[x] ?? 0;
    c.sampled += s.sampled?.[x] ?? 0;
    c.invalid += s.invalid?.[x] ?? 0;
  }
  const span = { from_s: (i * s.interval_ms) / 1000, to_s: b.to[j - 1] / 1000 };
  return { span, histogram, ...c, ms: b.to[j - 1] - b.from[i] };
}

/** The histogram of intervals [i, j) of a series, merged exactly. */
export function histogramOf(s: Series, i: number, j: number): Histogram {
  return mergeHistograms(s.histograms.slice(i, j).filter(Boolean));
}

const PERCENTILES: Record<string, number> = {
  'latency.p50': 50,
  'latency.p90': 90,
  'latency.p99': 99,
  'latency.p99_9': 99.9,
  'latency.max': 100,
};
const perSecond = (n: number, ms: number): number => Math.round((n / (ms / 1000)) * 100) / 100;

/** A metric's value over one window, rounded as the whole-run numbers are; null where it has no answer to read. */
export function windowValue(metric: string, x: WindowMeasure): number | null {
  const h = x.histogram;
  if (metric in PERCENTILES)
    return h.totalCount ? Math.round(h.getValueAtPercentile(PERCENTILES[metric])) / 1000 : null;
  if (metric === 'latency.mean') return h.totalCount ? Math.round(h.mean) / 1000 : null;
  if (metric === 'requests.average') return perSecond(x.answers, x.ms);
  if (metric === 'throughput.average') return perSecond(x.bytes, x.ms);
  if (metric === 'non2xx') return x.non2xx;
  if (metric === 'errors') return x.errors;
  if (metric === 'outcomes.connect_failed') return x.connect_errors;
  if (metric === 'outcomes.failed_after_send') return x.resets;
  if (metric === 'mismatches') return x.invalid;
  if (metric === 'error_rate') return windowErrorRate(x);
  return null;
}

/** The whole run's error_rate (errorRate in result/scenario-result.ts) over one window: failed requests, non-2xx
 * answers and 2xx answers estimated invalid from the window's sampled answers, over attempts; null when nothing was
 * attempted. */
function windowErrorRate(x: WindowMeasure): number | null {
  const attempts = x.answers + x.errors;
  if (attempts === 0) return null;
  const invalid = x.sampled > 0 ? (x.invalid / x.sampled) * (x.answers - x.non2xx) : 0;
  return Number(((x.errors + x.non2xx + invalid) / attempts).toPrecision(6));
}
