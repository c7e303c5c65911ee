import { noOutcomes } from '../../load/send/outcomes.js';
import { createHistogram, recordLatency } from '../../load/measure/histograms.js';
import { loadResult, NO_RUN, type LoadResult } from '../../load/result/load-result.js';
import type { RunInfo } from '../../load/result/provenance.js';
import { finalize, type Counts } from '../../load/result/scenario-result.js';
import { createSeriesRecorder } from '../../load/measure/series.js';
import type { Shard } from '../../load/shards/shard.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';

/** The settings of every fake generator's scenario. */
export const SETTINGS: Counts['settings'] = {
  connections: 4,
  pipelining: 1,
  rate: null,
  pageSize: null,
  warmup: 0,
  duration: 1,
  maxRequests: 1000,
  timeout: 5,
  sampleEvery: 10,
};

/** The provenance every fake generator shares unless told otherwise: one scenario file, one setting. */
const RUN: RunInfo = {
  ...NO_RUN,
  scenario_file: 'load/scenarios.yaml',
  scenario_sha256: 'ab'.repeat(32),
  settings: { fetch: { operation: 'fetch', mode: 'closed', ...SETTINGS, thresholds: [] } },
};

/** The rules every fake generator's scenario is judged by. */
export const RULES = ['rps > 150', 'p99 < 50'].map((r) => parseThreshold(r, 'test'));

let nextPid = 1000;

/** One generator's fetch result: `n` answers in 1 s from `start`, latencies from `ms(i)`, with the given provenance. */
export function generator(
  n: number,
  ms: (i: number) => number,
  codes: Record<string, number>,
  o: { shard?: Shard; start?: string; run?: Partial<RunInfo> } = {},
): LoadResult {
  const start = o.start ?? '2026-01-01T00:00:00.000Z';
  const h = createHistogram();
  const recorder = createSeriesRecorder(500);
  recorder.series.start = start;
  for (let i = 0; i < n; i++) {
    recordLatency(h, ms(i));
    recorder.add(200, 100, ms(i));
    if (i === n / 2 - 1 || i === n - 1) recorder.cut();
  }
  const non2xx = Object.entries(codes)
    .filter(([c]) => !c.startsWith('2'))
    .reduce((a, [, v]) => a + v, 0);
  const counts = fakeCounts({
    start,
    duration: 1,
    requests: { total: n, sent: n },
    throughput: { total: n * 100 },
    non2xx,
    status_codes: codes,
    series: recorder.series,
  });
  const run: RunInfo = { ...structuredClone(RUN), shard: o.shard ?? null, ...o.run };
  const r = loadResult(
    { url: 'http://127.0.0.1:1', embedded: true },
    new Date(start),
    [finalize(counts, h, RULES)],
    run,
  );
  r.generators[0].pid = nextPid++; // each fake is its own generator: a merge refuses one generator given twice
  return r;
}

/** A fake fetch scenario's counts: what a test gives, the rest of a quiet closed-loop run's defaults. */
export function fakeCounts(
  c: Pick<Counts, 'start' | 'duration' | 'requests' | 'throughput' | 'non2xx' | 'status_codes' | 'series'> &
    Partial<Counts>,
): Counts {
  return {
    name: 'fetch',
    operation: 'fetch',
    mode: 'closed',
    settings: { ...SETTINGS },
    urls: 12,
    generators: 1,
    errors: 0,
    timeouts: 0,
    mismatches: 0,
    sampled: 10,
    rate_limited: 0,
    retry_after: 0,
    parts: [],
    invalid_examples: [],
    notes: [],
    outcomes: { ...noOutcomes(), started: c.requests.sent, answered: c.requests.total },
    ...c,
  };
}
