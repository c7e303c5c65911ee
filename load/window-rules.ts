import { createHistogram, mergeHistograms } from './histograms.js';
import { histogramOf, sampleOf, sampleValue, type Sample, type WindowSpan } from './sample-value.js';
import type { Series } from './series.js';
import type { Threshold } from './thresholds.js';
import { UsageError } from '../client/usage-error.js';

/** The shortest interval a series is cut into: every window is a whole multiple of it. */
export const MIN_INTERVAL_MS = 100;

/** The latency metrics (ms), as autocannon names them. */
export const LATENCY_METRICS: readonly string[] = ['p50', 'p90', 'p99', 'p99_9', 'max', 'mean'].map(
  (m) => `latency.${m}`,
);

/** Metrics with a per-interval source (histograms, requests, bytes, status codes): judged over windows, and live. */
export const WINDOW_METRICS: readonly string[] = [
  ...LATENCY_METRICS,
  'requests.average',
  'throughput.average',
  'non2xx',
  'errors',
  'mismatches',
  'error_rate',
];

/** A series and the measured phase's start (ISO) and length (s), which trim its first and last intervals. */
export interface Timeline {
  series: Series;
  start?: string;
  duration?: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const WINDOW = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;

/** The window of `p99 < 50 over 5s` in ms (units ms, s, m); a bad window is a usage error naming the rule. */
export function parseWindow(text: string, rule: string, where: string): number {
  const bad = (why: string): never => {
    throw new UsageError(`${where}: ${JSON.stringify(rule)}: ${why}`);
  };
  const m = WINDOW.exec(text);
  if (!m) return bad(`window "${text}" is not a duration; write a number with ms, s or m, e.g. over 5s or over 500ms`);
  const ms = Math.round(Number(m[1]) * UNITS[m[2]]);
  if (ms <= 0 || ms % MIN_INTERVAL_MS !== 0)
    bad(`window "${text}" must be a whole multiple of ${MIN_INTERVAL_MS} ms (the shortest interval), e.g. over 500ms`);
  return ms;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** An interval that divides every window and gives the shortest one at least 5 intervals where it can (>= 100 ms). */
export function chooseInterval(rules: readonly Threshold[], defaultMs: number): number {
  const windows = rules.flatMap((r) => (r.over_ms === undefined ? [] : [r.over_ms]));
  if (windows.length === 0) return defaultMs;
  const common = windows.reduce(gcd);
  let d = Math.max(MIN_INTERVAL_MS, Math.min(defaultMs, Math.floor(Math.min(...windows) / 5)));
  while (common % d !== 0) d--; // ends at 100 ms at the latest: windows are multiples of it
  return d;
}

/** Each interval's [from, to) in ms from interval 0: the first starts when load began, the last ends with the run. */
export function bounds(tl: Timeline): { from: number[]; to: number[] } {
  const { interval_ms: step, requests, start: origin } = tl.series;
  const n = requests.length;
  const since = (iso: string): number => Date.parse(iso) - Date.parse(origin);
  const gap = tl.start === undefined ? 0 : since(tl.start);
  const end = tl.start === undefined || tl.duration === undefined ? n * step : gap + tl.duration * 1000;
  const from = requests.map((_, j) => j * step);
  const to = requests.map((_, j) => (j + 1) * step);
  if (n > 0 && Number.isFinite(gap)) from[0] = Math.min(Math.max(gap, 0), step - 1);
  if (n > 0 && Number.isFinite(end)) to[n - 1] = Math.min(Math.max(end, from[n - 1] + 1), n * step);
  return { from, to };
}

/** Every window of `overMs` sliding interval by interval, valued for `metric`; a run shorter than one window is one. */
export function windowValues(
  tl: Timeline,
  overMs: number,
  metric: string,
): { span: WindowSpan; value: number | null }[] {
  const s = tl.series;
  const n = s.requests.length;
  const k = overMs / s.interval_ms;
  if (n === 0 || !Number.isInteger(k)) return [];
  const b = bounds(tl);
  if (n <= k) return [valued(sampleOf(s, [0, n], histogramOf(s, 0, n), b), metric)];
  const one = s.histograms.map((h) => (h ? mergeHistograms([h]) : null));
  const running = createHistogram();
  const out: { span: WindowSpan; value: number | null }[] = [];
  for (let j = 0; j < n; j++) {
    if (one[j]) running.add(one[j]!);
    const i = j - k + 1;
    if (i > 0 && one[i - 1]) running.subtract(one[i - 1]!);
    // the run's last window may end early; one under half the length says too little to judge
    if (i >= 0 && b.to[j] - b.from[i] >= overMs / 2) out.push(valued(sampleOf(s, [i, j + 1], running, b), metric));
  }
  return out;
}

const valued = (x: Sample, metric: string): { span: WindowSpan; value: number | null } => ({
  span: x.span,
  value: sampleValue(metric, x),
});
