import { createHistogram, recordLatency } from '../../load/measure/histograms.js';
import { loadResult, type LoadResult } from '../../load/result/load-result.js';
import { finalize } from '../../load/result/scenario-result.js';
import { fakeCounts, SETTINGS } from './load-results.js';
import { createSeriesRecorder } from '../../load/measure/series.js';
import type { Threshold } from '../../load/thresholds/parse-threshold.js';

/** What a built generator's run is made of: who ran it, from when, and each answer's status and latency. */
export interface BuiltRun {
  pid: number;
  start: string;
  answers: number;
  intervalMs: number;
  perInterval: number;
  status: (i: number) => number;
  ms: (i: number) => number;
  errors?: number;
  rules: readonly Threshold[];
}

/** A fetch result of one generator built answer by answer (no server), so every number in it is known exactly. */
export function builtResult(run: BuiltRun): LoadResult {
  const h = createHistogram();
  const recorder = createSeriesRecorder(run.intervalMs);
  recorder.series.start = run.start;
  const codes: Record<string, number> = {};
  for (let i = 0; i < run.answers; i++) {
    const code = run.status(i);
    recordLatency(h, run.ms(i));
    recorder.add(code, 100, run.ms(i));
    codes[code] = (codes[code] ?? 0) + 1;
    if (i % run.perInterval === run.perInterval - 1) recorder.cut();
  }
  const seconds = (run.answers / run.perInterval) * (run.intervalMs / 1000);
  const counts = fakeCounts({
    settings: { ...SETTINGS, connections: 2, duration: seconds, maxRequests: 100_000 },
    start: run.start,
    duration: seconds,
    requests: { total: run.answers, sent: run.answers },
    throughput: { total: run.answers * 100 },
    errors: run.errors ?? 0,
    non2xx: Object.entries(codes).reduce((n, [c, k]) => (c.startsWith('2') ? n : n + k), 0),
    status_codes: codes,
    series: recorder.series,
  });
  const result = loadResult({ url: 'http://127.0.0.1:1', embedded: true }, new Date(run.start), [
    finalize(counts, h, run.rules),
  ]);
  return { ...result, generators: [{ ...result.generators[0], host: 'gen', pid: run.pid }] };
}
