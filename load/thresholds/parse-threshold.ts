import { UsageError } from '../../client/usage-error.js';
import { MIN_INTERVAL_MS } from '../measure/series.js';
import { ALIASES, METRICS, WINDOW_METRICS, windowMetricNames } from './metrics.js';

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
