import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchPeak, type Peak } from './process-peak.js';

/** What a nested `playwright test --project contract` printed, how it ended, its wall time and peak memory. */
export interface ContractRun {
  code: number | null;
  output: string;
  wallMs: number;
  peak: Peak;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../node_modules/@playwright/test/cli.js', import.meta.url));

/** The TARGET_* environment for a target (what a user would export), from the one module that knows the names. */
export { targetEnv } from '../../client/settings.js';

/** This process's environment without the runner's own variables, so the nested run starts as a user's would. */
export function cleanEnv(): Record<string, string> {
  const skip = /^(TEST_|PW_|PLAYWRIGHT_|TARGET_|CONTRACT_RUN_(ID|STARTED)$|FORCE_COLOR$|NODE_OPTIONS$|REPORT_DIR$)/; // a run of its own
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !skip.test(e[0])),
  );
}

/** Runs `playwright test --project contract` as a user would (args: e.g. a --grep), with the given environment. */
export function runContract(
  env: Record<string, string>,
  timeoutMs = 60_000,
  args: string[] = [],
): Promise<ContractRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'test', '--project', 'contract', ...args], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env },
    });
    const watch = watchPeak(child.pid ?? 0);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, wallMs: Math.round(performance.now() - started), peak: watch.stop() });
    });
  });
}
