// receipt-harness contract [playwright test flags]: the contract suite (the Playwright project `contract`) of this
// package, run from wherever the package is installed, reports under the caller's working directory.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContractFlags, PASSED_ON } from './contract-flags.js';

/** What `receipt-harness contract --help` prints. */
export const CONTRACT_USAGE = `usage: receipt-harness contract [playwright test flags, e.g. --shard 1/3, -g "PageSize", --workers 1]
Runs the contract suite against the target (TARGET_* or the --target-* flags; unset: an embedded emulator).
Playwright flags passed on: ${Object.keys(PASSED_ON)
  .filter((f) => f !== 'help')
  .map((f) => `--${f}`)
  .join(' ')}.
Reports: $REPORT_DIR (default ./reports): html/, junit.xml, results.json, contract/conformance.{md,json,html}.
Exit 0: the target conforms; 1: a contract violation; 2: a bad setting or a target that cannot be reached.`;

/** The package's root: where playwright.config.ts and the suite are, installed or cloned. */
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The command line that runs the suite: Playwright's own CLI with the package's config. Files under node_modules are
 * not transformed by Playwright, so tsx's loader (a dependency) is given to the runner and, through NODE_OPTIONS, to
 * its workers.
 */
export function contractCommand(argv: readonly string[], env: NodeJS.ProcessEnv) {
  const cli = fileURLToPath(import.meta.resolve('@playwright/test/cli'));
  const loader = import.meta.resolve('tsx/esm');
  return {
    file: process.execPath,
    // the project last: --project takes every name that follows it
    args: [cli, 'test', ...argv, '--config', resolve(root, 'playwright.config.ts'), '--project', 'contract'],
    env: {
      ...env,
      NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import="${loader}"`.trim(),
      REPORT_DIR: resolve(env.REPORT_DIR || 'reports'),
    },
  };
}

/** Runs the suite and exits with its code: 0 conforms, 1 a violation, 2 a setting (the config's one line). */
function main(argv: string[]): void {
  if (checkContractFlags(argv)) return void console.log(CONTRACT_USAGE);
  const { file, args, env } = contractCommand(argv, process.env);
  const child = spawn(file, args, { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    if (signal) console.error(`contract: stopped by ${signal}`);
    process.exit(code ?? 2);
  });
}

main(process.argv.slice(2));
