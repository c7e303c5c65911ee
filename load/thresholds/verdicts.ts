import type { Operator, Threshold } from './parse-threshold.js';
import type { WindowSpan } from './window-value.js';
import { windowValues, type Timeline } from './windows.js';

/** A judged rule: what was allowed, what was measured (the worst window's value when windowed), whether it held. */
export interface Verdict extends Threshold {
  measured: number | null;
  passed: boolean;
  /** For a windowed rule: the worst window, in seconds from the start of the measured phase (interval 0). */
  window?: WindowSpan;
}

const HOLDS: Record<Operator, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
};

/** True when a measured value keeps the rule (no value: the rule is lost). */
export function holds(t: Threshold, value: number | null): boolean {
  return value !== null && HOLDS[t.op](value, t.value);
}

/** Reads a dotted metric from a scenario's measurements. */
export function metricValue(measured: object, metric: string): number | null {
  const v = metric
    .split('.')
    .reduce<unknown>(
      (acc, key) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined),
      measured,
    );
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The rule alone, without an earlier verdict's fields (a merge judges its inputs' verdicts again). */
function ruleOf(t: Threshold): Threshold {
  const { rule, metric, op, value, over_ms, abortOnFail, delayAbortEval } = t;
  const extra = { over_ms, abortOnFail, delayAbortEval };
  const set = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  return { rule, metric, op, value, ...set };
}

/** A windowed rule's verdict: the first window that breaks it worst, or the window that came closest to breaking. */
export function worstWindow(t: Threshold, windows: { span: WindowSpan; value: number | null }[]): Verdict {
  const worse = (a: number | null, b: number | null): boolean => {
    if (holds(t, a) !== holds(t, b)) return !holds(t, a);
    if (a === null || b === null) return false;
    return t.op.startsWith('<') ? a > b : t.op.startsWith('>') ? a < b : false;
  };
  const worst = windows.reduce<(typeof windows)[number] | undefined>(
    (w, x) => (!w || worse(x.value, w.value) ? x : w),
    undefined,
  );
  if (!worst) return { ...ruleOf(t), measured: null, passed: false };
  return { ...ruleOf(t), measured: worst.value, passed: windows.every((w) => holds(t, w.value)), window: worst.span };
}

/** Judges every rule: whole-run rules on the measurements, windowed ones on each window of the timeline; pure. */
export function judgeThresholds(thresholds: readonly Threshold[], measured: object, timeline?: Timeline): Verdict[] {
  return thresholds.map((t) => {
    if (t.over_ms !== undefined) {
      return worstWindow(t, timeline ? windowValues(timeline, t.over_ms, t.metric) : []);
    }
    const value = metricValue(measured, t.metric);
    return { ...ruleOf(t), measured: value, passed: holds(t, value) };
  });
}

const num = (v: number): string => String(Number(v.toPrecision(6)));

/** `✗ fetch p99 < 50 over 5s measured 73.2 (worst window 10–15 s)`: the line a user reads for one rule. */
export function formatVerdict(scenario: string, v: Verdict): string {
  const shown = v.measured === null ? (v.window ? 'no answer' : 'not measured') : num(v.measured);
  const where = v.window ? ` (worst window ${num(v.window.from_s)}–${num(v.window.to_s)} s)` : '';
  return `${v.passed ? '✓' : '✗'} ${scenario} ${v.rule.trim()} measured ${shown}${where}`;
}
