import { hostname } from 'node:os';
import type { RunInfo } from './provenance.js';
import type { ScenarioResult } from './scenario-result.js';

/** Version tag of the JSON result format (docs/load.md "## Reports" documents it). */
export const RESULT_SCHEMA = 'receipt-load-result/3';

/** What a merge checked and found: its inputs (with their shards), each scenario's start skew, and notes. */
export interface MergeInfo {
  inputs: { file: string; generator: string; shard: string | null }[];
  /** Per scenario, the largest difference between the generators' measured starts, ms. */
  skew_ms: Record<string, number>;
  notes: string[];
}

/** The whole JSON result of one run (or of a merge of several generators' runs). */
export interface LoadResult {
  schema: typeof RESULT_SCHEMA;
  /** Who produced it: for a merge, every generator. */
  generators: { host: string; pid: number; started: string }[];
  /** The target's base URL (never credentials) and whether it was the embedded emulator. */
  target: { url: string; embedded: boolean };
  /** Provenance: scenario file and hash, resolved settings, shard, start time (a merge keeps the shared ones). */
  run: RunInfo;
  /** null for one run; for a merge, what was merged. */
  merge: MergeInfo | null;
  started: string;
  finished: string;
  /** true when every scenario met every threshold. */
  passed: boolean;
  scenarios: ScenarioResult[];
}

/** Provenance for a result assembled without a scenario file (tests, benchmarks). */
export const NO_RUN: RunInfo = Object.freeze({
  scenario_file: '',
  scenario_sha256: '',
  settings: {},
  shard: null,
  start_at: null,
});

/** Assembles a run's result. */
export function loadResult(
  target: LoadResult['target'],
  started: Date,
  scenarios: ScenarioResult[],
  run: RunInfo = NO_RUN,
): LoadResult {
  return {
    schema: RESULT_SCHEMA,
    generators: [{ host: hostname(), pid: process.pid, started: started.toISOString() }],
    target,
    run,
    merge: null,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    passed: scenarios.length > 0 && scenarios.every((s) => s.passed),
    scenarios,
  };
}

/** The JSON text of a result (pretty, stable key order as built). */
export function reportJson(result: LoadResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
