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
  'outcomes.connect_failed',
  'outcomes.failed_after_send',
  'mismatches',
  'error_rate',
];

/** Metrics a rule may name: autocannon's result fields (dotted), plus the harness's own. */
export const METRICS: readonly string[] = [
  ...LATENCY_METRICS,
  'requests.average',
  'requests.total',
  'throughput.average',
  'throughput.total',
  'errors',
  'timeouts',
  'outcomes.connect_failed',
  'outcomes.failed_after_send',
  'outcomes.not_sent',
  'outcomes.unpaired',
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
  connect_errors: 'outcomes.connect_failed',
  resets: 'outcomes.failed_after_send',
};

/** The names (aliases first) a windowed or abortOnFail rule may use: those with a per-interval source. */
export function windowMetricNames(): string[] {
  return [...Object.keys(ALIASES).filter((a) => WINDOW_METRICS.includes(ALIASES[a])), ...WINDOW_METRICS];
}
