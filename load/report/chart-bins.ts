import { offsetIn, type TimeSpan } from './chart-axes.js';
import { mergeHistograms } from '../measure/histograms.js';
import type { Series } from '../measure/series.js';

/** At most this many bins across a chart (about 4 px each): a long run's report stays small and readable. */
export const MAX_BINS = 120;

/** Consecutive intervals drawn as one bar or point, with their exact totals and the percentiles of their histograms. */
export interface Bin {
  /** The first and last interval of the series in this bin (equal when each interval is its own bin). */
  first: number;
  last: number;
  /** Seconds from the span's start where the bin begins and ends. */
  from_s: number;
  to_s: number;
  requests: number;
  codes: Record<string, number>;
  /** Requests that ended without an answer in the bin, by how. */
  failed: { connect_failed: number; failed_after_send: number; timed_out: number };
  latency: { p50: number | null; p99: number | null; max: number | null };
}

/** Intervals per bin for a span: 1 up to MAX_BINS intervals, then as many as keep the bins under MAX_BINS. */
export const binWidth = (span: TimeSpan): number => Math.max(1, Math.ceil(span.intervals / MAX_BINS));

// the same rounding as series.ts, so a bin of one interval has exactly that interval's numbers
const msAt = (encoded: string[], p: number): number | null => {
  const h = mergeHistograms(encoded.filter(Boolean));
  return h.totalCount === 0 ? null : Math.round(h.getValueAtPercentile(p)) / 1000;
};

/** The requests that failed in some intervals, by bucket (timed out: the failures that were neither of the others). */
function failedIn(s: Series, idx: number[]): Bin['failed'] {
  const total = (list: readonly number[] | undefined): number => idx.reduce((n, i) => n + (list?.[i] ?? 0), 0);
  const [all, connect, resets] = [total(s.errors), total(s.connect_errors), total(s.resets)];
  return { connect_failed: connect, failed_after_send: resets, timed_out: all - connect - resets };
}

/** One bin from series intervals first..last: counts add up; percentiles from the merged histograms (exact). */
function binOf(s: Series, first: number, last: number, span: TimeSpan, offset: number): Bin {
  const idx = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const codes: Record<string, number> = {};
  for (const [code, list] of Object.entries(s.status_codes)) codes[code] = idx.reduce((n, i) => n + (list[i] ?? 0), 0);
  const one = first === last;
  const hs = idx.map((i) => s.histograms[i] ?? '');
  const at = (key: 'p50' | 'p99' | 'max', p: number): number | null => (one ? s.latency[key][first] : msAt(hs, p));
  return {
    first,
    last,
    from_s: ((offset + first) * span.interval_ms) / 1000,
    to_s: ((offset + last + 1) * span.interval_ms) / 1000,
    requests: idx.reduce((n, i) => n + (s.requests[i] ?? 0), 0),
    codes,
    failed: failedIn(s, idx),
    latency: { p50: at('p50', 50), p99: at('p99', 99), max: at('max', 100) },
  };
}

/** The bins of a series on a span's grid: a generator that started later fills the later bins. */
export function binsOf(s: Series, span: TimeSpan): Bin[] {
  const width = binWidth(span);
  const offset = offsetIn(span, s);
  const bins: Bin[] = [];
  for (let first = 0; first < s.requests.length;) {
    const last = Math.min(s.requests.length - 1, (Math.floor((offset + first) / width) + 1) * width - offset - 1);
    bins.push(binOf(s, first, Math.max(first, last), span, offset));
    first = Math.max(first, last) + 1;
  }
  return bins;
}
