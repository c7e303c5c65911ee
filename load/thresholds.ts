import { UsageError } from './usage-error.js';

/** A comparison an SLO rule makes. */
export type Operator = '<' | '<=' | '>' | '>=' | '==';
/** One SLO rule parsed from text like `p99 < 50`: a metric (autocannon's result name), an operator and a bound. */
export interface Threshold {
  rule: string;
  metric: string;
  op: Operator;
  value: number;
}
/** A judged rule: what was allowed, what was measured, and whether it held. */
export interface Verdict extends Threshold {
  measured: number | null;
  passed: boolean;
}

/** Metrics a rule may name: autocannon's result fields (dotted), plus the harness's own. */
export const METRICS: readonly string[] = [
  'latency.p50',
  'latency.p90',
  'latency.p99',
  'latency.p99_9',
  'latency.max',
  'latency.mean',
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

const RULE = /^\s*([A-Za-z0-9_.]+)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;

/** Parses one rule; a malformed rule or an unknown metric is rejected before any load is sent. */
export function parseThreshold(text: unknown, where: string): Threshold {
  const m = typeof text === 'string' ? RULE.exec(text) : null;
  if (!m)
    throw new UsageError(
      `${where}: ${JSON.stringify(text)} is not a rule; write "<metric> <op> <number>", e.g. "p99 < 50" or "error_rate < 0.001"`,
    );
  const metric = ALIASES[m[1]] ?? m[1];
  if (!METRICS.includes(metric)) {
    throw new UsageError(
      `${where}: unknown metric "${m[1]}"; allowed: ${[...Object.keys(ALIASES), ...METRICS].join(', ')}`,
    );
  }
  return { rule: text as string, metric, op: m[2] as Operator, value: Number(m[3]) };
}

const HOLDS: Record<Operator, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
};

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

/** Judges every rule against the measurements: pure, one verdict per rule; a missing value fails. */
export function judge(thresholds: readonly Threshold[], measured: object): Verdict[] {
  return thresholds.map((t) => {
    const value = metricValue(measured, t.metric);
    return { ...t, measured: value, passed: value !== null && HOLDS[t.op](value, t.value) };
  });
}

/** `✓ fetch p99 < 50 measured 1.234`: the line a user reads for one rule. */
export function formatVerdict(scenario: string, v: Verdict): string {
  const shown = v.measured === null ? 'not measured' : String(Number(v.measured.toPrecision(6)));
  return `${v.passed ? '✓' : '✗'} ${scenario} ${v.rule.trim()} measured ${shown}`;
}
