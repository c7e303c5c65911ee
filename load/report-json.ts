import { hostname } from 'node:os';
import type { ScenarioResult } from './scenario-result.js';

/** Version tag of the JSON result format (README "## Load" documents it). */
export const RESULT_SCHEMA = 'receipt-load-result/1';

/** The whole JSON result of one run (or of a merge of several generators' runs). */
export interface LoadResult {
  schema: typeof RESULT_SCHEMA;
  /** Who produced it: for a merge, every generator. */
  generators: { host: string; pid: number; started: string }[];
  /** The target's base URL (never credentials) and whether it was the embedded emulator. */
  target: { url: string; embedded: boolean };
  started: string;
  finished: string;
  /** true when every scenario met every threshold. */
  passed: boolean;
  scenarios: ScenarioResult[];
}

/** Assembles a run's result. */
export function loadResult(target: LoadResult['target'], started: Date, scenarios: ScenarioResult[]): LoadResult {
  return {
    schema: RESULT_SCHEMA,
    generators: [{ host: hostname(), pid: process.pid, started: started.toISOString() }],
    target,
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
