import type { Histogram } from 'hdr-histogram-js';
import { encodeHistogram, mergeHistograms, summarizeLatency, type Latency } from '../measure/histograms.js';
import { emptySeries, type Series } from '../measure/series.js';
import type { Scenario } from '../run/scenario-file.js';
import { judgeThresholds, type Verdict } from '../thresholds/verdicts.js';
import type { Threshold } from '../thresholds/parse-threshold.js';
import { isAbortNote } from '../thresholds/abort-watch.js';
import { noOutcomes, type Outcomes } from '../send/outcomes.js';

/** One scenario's measurements: the JSON result's `scenarios[]` entry (schema in README "## Load"). Names follow autocannon's result. */
export interface ScenarioResult {
  name: string;
  operation: string;
  mode: 'closed' | 'open';
  settings: {
    connections: number;
    pipelining: number;
    rate: number | null;
    pageSize: number | null;
    warmup: number;
    duration: number;
    maxRequests: number;
    timeout: number;
    sampleEvery: number;
  };
  /** Distinct request paths rotated over. */
  urls: number;
  /** Load generators whose runs were merged into this one (1 for a single run). */
  generators: number;
  start: string;
  /** Measured seconds (the longest generator's, when merged). */
  duration: number;
  /** Answers, requests that reached the target, answers per second. */
  requests: { total: number; sent: number; average: number };
  /** Where every started request ended: one bucket each (outcomes.ts). */
  outcomes: Outcomes;
  throughput: { total: number; average: number };
  latency: Latency;
  /** Requests that got no answer, each once: timed out + failed to connect + failed after send. */
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  sampled: number;
  rate_limited: number;
  retry_after: number;
  error_rate: number;
  status_codes: Record<string, number>;
  series: Series;
  /** For a merged run, each generator's share (one per generator, in input order); empty for a single run. */
  parts: ScenarioPart[];
  /** The raw latency histogram (microseconds), HdrHistogram compressed base64: merges exactly. */
  histogram: string;
  invalid_examples: string[];
  notes: string[];
  thresholds: Verdict[];
  passed: boolean;
}

/** One generator's numbers inside a merged scenario: who it was, and what it measured (its own series included). */
export interface ScenarioPart {
  /** The generator: `host pid N` (and its shard, e.g. `shard 2/3`, when it ran one). */
  generator: string;
  start: string;
  duration: number;
  requests: { total: number; average: number };
  latency: Latency;
  errors: number;
  non2xx: number;
  mismatches: number;
  status_codes: Record<string, number>;
  series: Series;
}

/** The counters a run produces before rates, percentiles and verdicts are derived. */
export type Counts = Omit<
  ScenarioResult,
  'requests' | 'throughput' | 'latency' | 'error_rate' | 'histogram' | 'thresholds' | 'passed'
> & {
  requests: { total: number; sent: number };
  throughput: { total: number };
};

/** Answers whose status is not 2xx, from the answers by status. */
export function non2xxOf(codes: Record<string, number>): number {
  return Object.entries(codes).reduce((n, [code, k]) => n + (code.startsWith('2') ? 0 : k), 0);
}

/** Share of attempts that failed: requests without an answer, non-2xx, and 2xx bodies estimated invalid from the sample;
 * attempts are answers plus requests without an answer (a request not sent because the run ended is none). */
export function errorRate(c: Counts): number {
  const attempts = c.requests.total + c.errors;
  const ok = c.requests.total - c.non2xx;
  const invalid = c.sampled > 0 ? (c.mismatches / c.sampled) * ok : 0;
  return attempts === 0 ? 1 : (c.errors + c.non2xx + invalid) / attempts;
}

/** Derives rates, percentiles and SLO verdicts; used for a fresh run and for a merge alike. */
export function finalize(
  c: Counts,
  h: Histogram,
  rules: readonly Threshold[],
  averages?: { requests: number; bytes: number },
): ScenarioResult {
  const seconds = Math.max(c.duration, 1e-3);
  const histogram = encodeHistogram(h);
  const decoded = mergeHistograms([histogram]); // percentiles from the stored form, so a report or a merge recomputes the same numbers
  const measured = {
    ...c,
    requests: { ...c.requests, average: round(averages?.requests ?? c.requests.total / seconds) },
    throughput: { ...c.throughput, average: round(averages?.bytes ?? c.throughput.total / seconds) },
    latency: summarizeLatency(decoded),
    error_rate: Number(errorRate(c).toPrecision(6)),
    histogram,
  };
  // with no answer there is no latency to judge: such rules fail as "not measured" instead of passing on zeros
  const verdicts = judgeThresholds(
    rules,
    c.requests.total === 0 ? { ...measured, latency: {}, requests: {}, throughput: {} } : measured,
    { series: c.series, start: c.start, duration: measuredSpan(c) }, // windowed rules: every window of the series
  );
  const notes = c.requests.total === 0 && !c.notes.includes(NO_ANSWER) ? [...c.notes, NO_ANSWER] : c.notes;
  const full: ScenarioResult = {
    ...measured,
    notes,
    thresholds: verdicts,
    passed: verdicts.every((v) => v.passed) && c.requests.total > 0 && c.rate_limited === 0 && !notes.some(isAbortNote),
  };
  return Object.fromEntries(FIELD_ORDER.map((k) => [k, full[k]])) as unknown as ScenarioResult;
}

/** Seconds from the start to the end of the measured phase: after a merge, until the generator that ended last. */
function measuredSpan(c: Counts): number {
  const start = Date.parse(c.start);
  const ends = c.parts.map((p) => Date.parse(p.start) + p.duration * 1000);
  return ((ends.length ? Math.max(...ends) : start + c.duration * 1000) - start) / 1000;
}

const NO_ANSWER = 'no response was received';
// The JSON result lists fields in the README's order: what ran, the numbers, the evidence, the verdict (a Record, so none is left out).
const FIELDS: Record<keyof ScenarioResult, true> = {
  name: true,
  operation: true,
  mode: true,
  settings: true,
  urls: true,
  generators: true,
  start: true,
  duration: true,
  requests: true,
  outcomes: true,
  throughput: true,
  latency: true,
  errors: true,
  timeouts: true,
  non2xx: true,
  mismatches: true,
  sampled: true,
  rate_limited: true,
  retry_after: true,
  error_rate: true,
  status_codes: true,
  series: true,
  parts: true,
  histogram: true,
  invalid_examples: true,
  notes: true,
  thresholds: true,
  passed: true,
};
const FIELD_ORDER = Object.keys(FIELDS) as (keyof ScenarioResult)[];

const round = (n: number): number => Math.round(n * 100) / 100;

/** The settings block of a result, from a resolved scenario. */
export function settingsOf(s: Scenario): ScenarioResult['settings'] {
  return {
    connections: s.connections,
    pipelining: s.pipelining,
    rate: s.mode === 'open' ? (s.rate ?? null) : null,
    pageSize: s.operation === 'list' ? s.pageSize : null,
    warmup: s.warmup,
    duration: s.duration,
    maxRequests: s.maxRequests,
    timeout: s.timeout,
    sampleEvery: s.sampleEvery,
  };
}

/** A scenario that could not run (e.g. discovery met a broken target): zero counts, the reason as a note, failed. */
export function notRun(s: Scenario, reason: string, h: Histogram, extra: Partial<Counts> = {}): ScenarioResult {
  return finalize(
    {
      name: s.name,
      operation: s.operation,
      mode: s.mode,
      settings: settingsOf(s),
      urls: 0,
      generators: 1,
      start: new Date().toISOString(),
      duration: 0,
      requests: { total: 0, sent: 0 },
      outcomes: noOutcomes(),
      throughput: { total: 0 },
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      mismatches: 0,
      sampled: 0,
      rate_limited: 0,
      retry_after: 0,
      status_codes: {},
      series: emptySeries(1000),
      parts: [],
      invalid_examples: [],
      notes: [reason],
      ...extra,
    },
    h,
    s.thresholds,
  );
}
