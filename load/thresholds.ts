import { UsageError } from '../client/usage-error.js';
import type { WindowSpan } from './sample-value.js';
import { LATENCY_METRICS, parseWindow, WINDOW_METRICS, windowValues, type Timeline } from './window-rules.js';

/** A comparison an SLO rule makes. */
export type Operator = '<' | '<=' | '>' | '>=' | '==';
/** One SLO rule parsed from text like `p99 < 50` or `p99 < 50 over 5s`: a metric, an operator and a bound. */
export interface Threshold {
  rule: string;
  metric: string;
  op: Operator;
  value: number;
  /** Window length in ms (`over 5s`): the rule holds when no window breaks it; absent: judged on the whole run. */
  over_ms?: number;
  /** Stop the scenario as soon as the rule is lost while measuring (k6's name). */
  abortOnFail?: boolean;
  /** Seconds of the measured phase before an abortOnFail rule is first judged (k6's delayAbortEval). */
  delayAbortEval?: number;
}
/** A judged rule: what was allowed, what was measured (the worst window's value when windowed), whether it held. */
export interface Verdict extends Threshold {
  measured: number | null;
  passed: boolean;
  /** For a windowed rule: the worst window, in seconds from the start of the measured phase (interval 0). */
  window?: WindowSpan;
}

/** Metrics a rule may name: autocannon's result fields (dotted), plus the harness's own. */
export const METRICS: readonly string[] = [
  ...LATENCY_METRICS,
  'requests.average',
  'requests.total',
  'throughput.average',
  'throughput.total',
  'errors',
  'timeouts',
  'non2xx',
  'mismatches',
  'rate_limited',
  'sampled',
  'error_rate',
];

/** Short names for the common metrics (k6-like), mapped to autocannon's. */
export const ALIASES: Readonly<Record<string, string>> = {
  p50: 'latency.p50',
  p90: 'latency.p90',
  p99: 'latency.p99',
  'p99.9': 'latency.p99_9',
  p99_9: 'latency.p99_9',
  max: 'latency.max',
  rps: 'requests.average',
  bytes_per_sec: 'throughput.average',
  invalid: 'mismatches',
};

const RULE = /^\s*([A-Za-z0-9_.]+)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?:\s+over\s+(\S.*?))?\s*$/;
const HINT =
  'write "<metric> <op> <number> [over <window>]", e.g. "p99 < 50", "error_rate < 0.001" or "p99 < 50 over 5s"';

/** Parses one rule's text; a malformed rule, an unknown metric or a bad window is rejected before any load is sent. */
export function parseThreshold(text: unknown, where: string): Threshold {
  const m = typeof text === 'string' ? RULE.exec(text) : null;
  if (!m) throw new UsageError(`${where}: ${JSON.stringify(text)} is not a rule; ${HINT}`);
  const metric = ALIASES[m[1]] ?? m[1];
  if (!METRICS.includes(metric)) {
    throw new UsageError(
      `${where}: unknown metric "${m[1]}"; allowed: ${[...Object.keys(ALIASES), ...METRICS].join(', ')}`,
    );
  }
  const t: Threshold = { rule: text as string, metric, op: m[2] as Operator, value: Number(m[3]) };
  if (m[4] === undefined) return t;
  const over_ms = parseWindow(m[4], t.rule, where);
  if (!WINDOW_METRICS.includes(metric))
    throw new UsageError(
      `${where}: ${JSON.stringify(t.rule)}: ${m[1]} is judged on the whole run only; ` +
        `allowed over a window: ${windowMetricNames().join(', ')}`,
    );
  return { ...t, over_ms };
}

/** The names (aliases first) a windowed or abortOnFail rule may use: those with a per-interval source. */
export function windowMetricNames(): string[] {
  return [...Object.keys(ALIASES).filter((a) => WINDOW_METRICS.includes(ALIASES[a])), ...WINDOW_METRICS];
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
