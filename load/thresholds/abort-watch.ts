import type { Histogram } from 'hdr-histogram-js';
import { histogramOf, measureOf, windowValue, type WindowMeasure } from './window-value.js';
import type { Series } from '../measure/series.js';
import { holds } from './verdicts.js';
import type { Threshold } from './parse-threshold.js';
import { bounds } from './windows.js';

const ABORTED = 'aborted at ';
const num = (v: number): string => String(Number(v.toPrecision(6)));

/** True for the note an abortOnFail rule leaves: it fails the scenario, also after a merge (notes are kept there). */
export function isAbortNote(note: string): boolean {
  return note.startsWith(ABORTED);
}

/** `aborted at 3.2 s: p99 < 50 over 1s lost (measured 73.2 in 2.2–3.2 s)`. */
function abortNote(t: Threshold, value: number | null, x: WindowMeasure): string {
  const shown = value === null ? 'no answer' : num(value);
  const where = `${num(x.span.from_s)}–${num(x.span.to_s)} s`;
  return `${ABORTED}${num(x.span.to_s)} s: ${t.rule.trim()} lost (measured ${shown} in ${where})`;
}

/** What the rule judges now: the window that just ended, or the whole run so far (as k6 does); undefined: not yet. */
function sampleNow(t: Threshold, s: Series, total: Histogram): WindowMeasure | undefined {
  const n = s.requests.length;
  const b = bounds({ series: s });
  if (t.over_ms === undefined) return total.totalCount > 0 ? measureOf(s, [0, n], total, b) : undefined;
  const k = t.over_ms / s.interval_ms;
  return n >= k ? measureOf(s, [n - k, n], histogramOf(s, n - k, n), b) : undefined;
}

/** The meter's onInterval hook for the abortOnFail rules: the first rule lost calls `stop` once, with the note. */
export function createAbortWatch(
  rules: readonly Threshold[],
  stop: (note: string) => void,
): ((series: Series, total: Histogram) => void) | undefined {
  const watched = rules.filter((r) => r.abortOnFail);
  if (watched.length === 0) return undefined;
  let lost = false;
  return (series, total) => {
    const elapsedMs = series.requests.length * series.interval_ms;
    for (const t of watched) {
      if (lost || elapsedMs < (t.delayAbortEval ?? 0) * 1000) continue;
      const x = sampleNow(t, series, total);
      if (!x) continue;
      const value = windowValue(t.metric, x);
      if (holds(t, value)) continue;
      lost = true;
      stop(abortNote(t, value, x));
    }
  };
}
