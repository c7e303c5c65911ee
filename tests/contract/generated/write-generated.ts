import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageMarkdown } from './coverage.js';
import { contractReportDir, failuresFile, writeFailures } from './failures-file.js';
import type { GeneratedRun } from './run-generated.js';

/** Requests per second of a run (0 for an instant one). */
export function requestsPerSecond(run: GeneratedRun): number {
  return run.seconds > 0 ? Math.round(run.sent / run.seconds) : 0;
}

/** Writes failures.jsonl and coverage.json into the contract report directory; returns the coverage as Markdown. */
export function writeGenerated(run: GeneratedRun, dir = contractReportDir()): string {
  mkdirSync(dir, { recursive: true });
  writeFailures(run.failures, failuresFile(dir));
  const summary = {
    seed: run.settings.seed,
    budget: run.settings.budget,
    sent: run.sent,
    distinct: run.distinct,
    seconds: run.seconds,
    requestsPerSecond: requestsPerSecond(run),
    causes: run.failures.length,
  };
  writeFileSync(join(dir, 'coverage.json'), JSON.stringify({ ...summary, coverage: run.coverage }, null, 2) + '\n');
  return coverageMarkdown(run.coverage);
}
