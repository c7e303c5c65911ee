import { createHistogram, mergeHistograms } from '../measure/histograms.js';
import { histogramOf, measureOf, windowValue, type WindowMeasure, type WindowSpan } from './window-value.js';
import { MIN_INTERVAL_MS, type Series } from '../measure/series.js';
import type { Threshold } from './parse-threshold.js';

/** A series and the measured phase's start (ISO) and length (s), which trim its first and last intervals. */
export interface Timeline {
  series: Series;
  start?: string;
  duration?: number;
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
  if (n <= k) return [valued(measureOf(s, [0, n], histogramOf(s, 0, n), b), metric)];
  const one = s.histograms.map((h) => (h ? mergeHistograms([h]) : null));
  const running = createHistogram();
  const out: { span: WindowSpan; value: number | null }[] = [];
  for (let j = 0; j < n; j++) {
    if (one[j]) running.add(one[j]!);
    const i = j - k + 1;
    if (i > 0 && one[i - 1]) running.subtract(one[i - 1]!);
    // the run's last window may end early; one under half the length says too little to judge
    if (i >= 0 && b.to[j] - b.from[i] >= overMs / 2) out.push(valued(measureOf(s, [i, j + 1], running, b), metric));
  }
  return out;
}

const valued = (x: WindowMeasure, metric: string): { span: WindowSpan; value: number | null } => ({
  span: x.span,
  value: windowValue(metric, x),
});
