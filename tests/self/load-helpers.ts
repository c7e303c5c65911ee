import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions } from '../../load/options.js';
import type { Reporter } from '../../load/progress.js';
import type { LoadTarget } from '../../load/target.js';
import type { Target } from '../../fixtures/target.js';

/** A reporter that keeps every line (a CI-like, non-TTY run). */
export function memoryReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, line: (t) => { lines.push(t); }, progress: () => {}, done: () => {} };
}

/** Writes a scenario YAML to a fresh temporary folder and returns its path. */
export function scenarioFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'load-scenarios-')), 'scenarios.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** Options for a short in-process run (well under a few seconds per scenario). */
export function shortRun(out: string, file?: string, extra: string[] = []): ReturnType<typeof parseOptions> {
  return parseOptions([...(file ? [file] : []), '--duration', '0.7', '--warmup', '0.1', '--out', out, ...extra]);
}

/** A LoadTarget for one message of a running server (the token copied by name: it may not be enumerable). */
export function loadTargetOf(t: Target): LoadTarget {
  return { ...t, authToken: t.authToken, messages: [t], embedded: false, stop: async () => {} };
}

/** A fresh folder for reports, outside test-results (which a concurrent Playwright run may clear). */
export function reportDir(): string {
  return mkdtempSync(join(tmpdir(), 'load-reports-'));
}
