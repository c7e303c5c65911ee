import { targetEnv } from '../../client/settings.js';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions } from '../../load/run/options.js';
import type { Reporter } from '../../load/run/progress.js';
import type { LoadTarget } from '../../load/target.js';
import type { Target } from '../../client/settings.js';
import { discoverWorkload } from '../../load/run/discover.js';
import { runScenario } from '../../load/run/run-scenario.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { secretOf } from '../../load/target.js';
import { createStub, type StubMode } from './load-stub.js';

/** A reporter that keeps every line (a CI-like, non-TTY run). */
export function memoryReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    line: (t) => {
      lines.push(t);
    },
    progress: () => {},
    done: () => {},
  };
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

/** The TARGET_* environment that points the load tool at a server. */
export function envOf(t: Target): NodeJS.ProcessEnv {
  return targetEnv(t);
}

/** Everything a run printed and wrote: the console lines and the text of every report file. */
export function outputsOf(lines: string[], dir: string): { name: string; text: string }[] {
  return [
    { name: 'console', text: lines.join('\n') },
    ...readdirSync(dir).map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') })),
  ];
}

/** Runs a short scenario against a stub in a hostile mode, with the workload discovered from a healthy stub; each
 * request's time limit is 1 s unless `timeout` says otherwise. */
export async function runAgainst(
  mode: StubMode,
  o: { duration?: number; timeout?: number; operation?: 'fetch' | 'list' } = {},
): Promise<ScenarioResult> {
  const [ok, hostile] = await Promise.all([createStub('ok'), createStub(mode)]);
  try {
    const target = loadTargetOf(ok.target);
    const work = await discoverWorkload(target);
    const op = o.operation ?? 'fetch';
    const yaml = `scenarios: [{ name: ${op}, operation: ${op}, warmup: 0, duration: ${o.duration ?? 0.6}, timeout: ${o.timeout ?? 1}, connections: 2, thresholds: ["error_rate < 0.001"] }]`;
    const [s] = loadScenarioFile(scenarioFile(yaml));
    return await runScenario(s, {
      url: hostile.url,
      publicUrl: hostile.url,
      secret: secretOf(target),
      paths: op === 'list' ? work.list : work.fetch,
    });
  } finally {
    await Promise.all([ok.stop(), hostile.stop()]);
  }
}
