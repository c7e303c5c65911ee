import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './run-contract.js';

/** How a run of the installed command ended and what it printed. */
export interface HarnessRun {
  code: number | null;
  out: string;
  err: string;
}

/** The command as package.json's bin names it. */
export const BIN = fileURLToPath(new URL('../../bin/receipt-harness.js', import.meta.url));

/** Runs `receipt-harness …args` as a user would, from this process's environment without the runner's variables. */
export function runHarness(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<HarnessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...cleanEnv(), ...env }, stdio: 'pipe' });
    child.stdin.end();
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}
