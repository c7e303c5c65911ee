import type { Histogram } from 'hdr-histogram-js';
import { mergeHistograms } from './histograms.js';
import type { Series } from './series.js';

/** Where a window lies: seconds from the start of interval 0 (the chart's time axis). */
export interface WindowSpan {
  from_s: number;
  to_s: number;
}
/** What one window (or the run so far) measured: the source of every metric judged over time. */
export interface Sample {
  span: WindowSpan;
  histogram: Histogram;
  answers: number;
  bytes: number;
  non2xx: number;
  /** The window's length in ms (the run's first and last intervals may be cut short). */
  ms: number;
}

const non2xxAt = (s: Series, j: number): number =>
  Object.entries(s.status_codes).reduce((a, [code, list]) => a + (code.startsWith('2') ? 0 : (list[j] ?? 0)), 0);

/** The counts of intervals [i, j) of a series, given each interval's bounds in ms and the window's histogram. */
export function sampleOf(
  s: Series,
  [i, j]: [number, number],
  histogram: Histogram,
  b: { from: number[]; to: number[] },
): Sample {
  let answers = 0,
    bytes = 0,
    non2xx = 0;
  for (let x = i; x < j; x++) {
    answers += s.requests[x];
    bytes += s.bytes[x];
    non2xx += non2xxAt(s, x);
  }
  const span = { from_s: (i * s.interval_ms) / 1000, to_s: b.to[j - 1] / 1000 };
  return { span, histogram, answers, bytes, non2xx, ms: b.to[j - 1] - b.from[i] };
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

/** A window metric's value in a sample, rounded as the whole-run numbers are; null where it has no answer to read. */
export function sampleValue(metric: string, x: Sample): number | null {
  const h = x.histogram;
  if (metric in PERCENTILES)
    return h.totalCount ? Math.round(h.getValueAtPercentile(PERCENTILES[metric])) / 1000 : null;
  if (metric === 'latency.mean') return h.totalCount ? Math.round(h.mean) / 1000 : null;
  if (metric === 'requests.average') return perSecond(x.answers, x.ms);
  if (metric === 'throughput.average') return perSecond(x.bytes, x.ms);
  if (metric === 'non2xx') return x.non2xx;
  if (metric === 'error_rate') return x.answers ? Number((x.non2xx / x.answers).toPrecision(6)) : null;
  return null;
}
