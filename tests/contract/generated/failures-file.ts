import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GenCase } from './gen-case.js';

/** One line of failures.jsonl: the shrunk case (replayable as it is), the violation it showed, and a curl line. */
export interface FailureRecord {
  seed: number;
  case: GenCase;
  check: string;
  pointer: string;
  message: string;
  status: number;
  curl: string;
}

/** Where the contract suite writes its generated-phase files: REPORT_DIR (default reports/) + contract/. */
export function contractReportDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.REPORT_DIR || 'reports', 'contract');
}

/** The failures file of a report directory. */
export function failuresFile(dir = contractReportDir()): string {
  return join(dir, 'failures.jsonl');
}

/** Writes the failures (an empty file when there are none, so a stale list never survives a passing run). */
export function writeFailures(records: FailureRecord[], file = failuresFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, records.map((r) => JSON.stringify(r) + '\n').join(''));
}

/** Reads a failures file; a line that is not a saved case is an error naming its line number. */
export function readFailures(file = failuresFile()): FailureRecord[] {
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      let r: Partial<FailureRecord>;
      try {
        r = JSON.parse(line) as Partial<FailureRecord>;
      } catch {
        throw new Error(`${file} line ${i + 1} is not JSON; run receipt-harness contract to write it again`);
      }
      if (!r.case || typeof r.case.path !== 'string' || !r.case.plan)
        throw new Error(`${file} line ${i + 1} holds no saved case; run receipt-harness contract to write it again`);
      return r as FailureRecord;
    });
}
