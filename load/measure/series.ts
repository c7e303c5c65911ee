import type { Histogram } from 'hdr-histogram-js';
import { createHistogram, encodeHistogram, mergeHistograms, recordLatency } from './histograms.js';
import type { Bucket } from '../send/outcomes.js';
import { UsageError } from '../../client/usage-error.js';

/** The shortest interval a series is cut into: every window is a whole multiple of it. */
export const MIN_INTERVAL_MS = 100;

/** A scenario's measurements per interval, for charts, thresholds over windows and exact merges. */
export interface Series {
  interval_ms: number;
  /** When interval 0 began (ISO time): generators' series line up by it. */
  start: string;
  /** Answers per interval. */
  requests: number[];
  /** Bytes per interval. */
  bytes: number[];
  /** Latency in ms per interval from that interval's histogram; null for an interval without an answer. */
  latency: { p50: (number | null)[]; p99: (number | null)[]; max: (number | null)[] };
  /** Answers per interval by HTTP status, e.g. `{"200": [90, 88], "404": [0, 2]}`. */
  status_codes: Record<string, number[]>;
  /** Requests that ended without an answer per interval: timed out, failed to connect or failed after send. */
  errors: number[];
  /** Of those, requests that failed to connect, and requests whose connection was reset or closed after they were sent. */
  connect_errors: number[];
  resets: number[];
  /** Answers judged by the sampler per interval, and how many of them broke the contract. */
  sampled: number[];
  invalid: number[];
  /** Each interval's raw latency histogram (µs, HdrHistogram compressed base64; "" when empty): merges exactly. */
  histograms: string[];
}

/** A series with no interval yet. */
export function emptySeries(intervalMs: number, start = new Date()): Series {
  const latency = { p50: [], p99: [], max: [] };
  return {
    interval_ms: intervalMs,
    start: start.toISOString(),
    requests: [],
    bytes: [],
    latency,
    status_codes: {},
    errors: [],
    connect_errors: [],
    resets: [],
    sampled: [],
    invalid: [],
    histograms: [],
  };
}

const ms = (h: Histogram, p: number): number | null =>
  h.totalCount === 0 ? null : Math.round(h.getValueAtPercentile(p)) / 1000;

/** One interval's counts besides its histogram and status codes. */
interface Tally {
  answers: number;
  bytes: number;
  errors: number;
  connect_errors: number;
  resets: number;
  sampled: number;
  invalid: number;
}
const noTally = (): Tally => ({
  answers: 0,
  bytes: 0,
  errors: 0,
  connect_errors: 0,
  resets: 0,
  sampled: 0,
  invalid: 0,
});

/** Appends one interval's numbers, its percentiles read from its own histogram. */
function pushInterval(s: Series, h: Histogram, t: Tally, codes: Map<string, number>): void {
  const i = s.requests.length;
  s.requests.push(t.answers);
  s.bytes.push(t.bytes);
  s.errors.push(t.errors);
  s.connect_errors.push(t.connect_errors);
  s.resets.push(t.resets);
  s.sampled.push(t.sampled);
  s.invalid.push(t.invalid);
  s.latency.p50.push(ms(h, 50));
  s.latency.p99.push(ms(h, 99));
  s.latency.max.push(ms(h, 100));
  s.histograms.push(h.totalCount === 0 ? '' : encodeHistogram(h));
  for (const code of codes.keys()) s.status_codes[code] ??= new Array<number>(i).fill(0);
  for (const [code, list] of Object.entries(s.status_codes)) list.push(codes.get(code) ?? 0);
}

/** Collects answers into intervals: `add` per answer, `cut` at each interval's end, `series` when done. */
export function createSeriesRecorder(intervalMs: number): {
  add(status: number, bytes: number, latencyMs: number): void;
  /** Requests that ended without an answer, by bucket (not_sent is no failure of the target). */
  failed(bucket: Exclude<Bucket, 'answered'>, n: number): void;
  /** An answer the sampler judged, and whether it held. */
  judged(valid: boolean): void;
  cut(): void;
  readonly pending: number;
  readonly series: Series;
} {
  const series = emptySeries(intervalMs);
  let h = createHistogram();
  let t = noTally();
  // keyed by the number while answers arrive (no string per answer); named once per interval
  let codes = new Map<number, number>();
  return {
    add(status, size, latencyMs) {
      t.answers++;
      t.bytes += size;
      recordLatency(h, latencyMs);
      codes.set(status, (codes.get(status) ?? 0) + 1);
    },
    failed(bucket, n) {
      if (bucket === 'not_sent') return;
      t.errors += n;
      if (bucket === 'connect_failed') t.connect_errors += n;
      else if (bucket === 'failed_after_send') t.resets += n;
    },
    judged(valid) {
      t.sampled++;
      if (!valid) t.invalid++;
    },
    cut() {
      pushInterval(series, h, t, new Map([...codes].map(([code, n]) => [String(code), n])));
      h = createHistogram();
      t = noTally();
      codes = new Map();
    },
    get pending() {
      return t.answers + t.errors + t.sampled;
    },
    series,
  };
}

/** How many intervals after `origin` (ms since the epoch) series `s` starts. */
const offsetOf = (s: Series, origin: number): number => Math.round((Date.parse(s.start) - origin) / s.interval_ms);

/** Adds several generators' series interval by interval, lined up by their start times; histograms merge exactly. */
export function mergeSeries(all: Series[]): Series {
  // a part that measured nothing (a scenario not run) has no intervals to line up, and a default interval length
  const parts = all.some((p) => p.requests.length > 0) ? all.filter((p) => p.requests.length > 0) : all.slice(0, 1);
  const interval = parts[0].interval_ms;
  const odd = parts.find((p) => p.interval_ms !== interval);
  if (odd)
    throw new UsageError(`merge: series cut into ${interval} ms and ${odd.interval_ms} ms intervals do not add up`);
  const origin = Math.min(...parts.map((p) => Date.parse(p.start)));
  const offsets = parts.map((p) => offsetOf(p, origin));
  const length = Math.max(0, ...parts.map((p, k) => offsets[k] + p.requests.length));
  if (length > MAX_INTERVALS)
    throw new UsageError(
      `merge: the series span ${length} intervals of ${interval} ms; their start times are far apart`,
    );
  const codes = [...new Set(parts.flatMap((p) => Object.keys(p.status_codes)))];
  const out = createSeriesRecorder(interval);
  const merged = out.series;
  merged.start = new Date(origin).toISOString();
  for (let i = 0; i < length; i++) {
    const at = parts.map((p, k) => i - offsets[k]).map((j, k) => (j >= 0 && j < parts[k].requests.length ? j : -1));
    const pick = <T>(f: (p: Series, j: number) => T): T[] => parts.flatMap((p, k) => (at[k] < 0 ? [] : [f(p, at[k])]));
    const h = mergeHistograms(pick((p, j) => p.histograms[j]).filter(Boolean));
    const perCode = new Map(codes.map((c) => [c, sum(pick((p, j) => p.status_codes[c]?.[j] ?? 0))]));
    const tally = {
      answers: sum(pick((p, j) => p.requests[j])),
      bytes: sum(pick((p, j) => p.bytes[j])),
      errors: sum(pick((p, j) => p.errors[j] ?? 0)),
      connect_errors: sum(pick((p, j) => p.connect_errors[j] ?? 0)),
      resets: sum(pick((p, j) => p.resets[j] ?? 0)),
      sampled: sum(pick((p, j) => p.sampled[j] ?? 0)),
      invalid: sum(pick((p, j) => p.invalid[j] ?? 0)),
    };
    pushInterval(merged, h, tally, perCode);
  }
  return merged;
}

/** More intervals than a day of 100 ms steps: inputs whose series start far apart, not one run. */
const MAX_INTERVALS = 864_000;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
