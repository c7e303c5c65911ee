import { parseArgs } from 'node:util';
import { UsageError } from '../client/usage-error.js';

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

/**
 * The flags of `playwright test` that `contract` passes on: the ones that choose, repeat or report tests. The rest
 * (--config, --project, browsers, the UI) belong to the harness; an unknown flag is a usage error here (exit 2)
 * rather than Playwright's own exit 1, which a CI job could not tell from a violation.
 */
export const PASSED_ON = {
  shard: text,
  grep: { ...text, short: 'g' },
  'grep-invert': { ...text, short: 'G' },
  workers: { ...text, short: 'j' },
  reporter: text,
  'add-reporter': text,
  'max-failures': { ...text, short: 'x' },
  'repeat-each': text,
  retries: text,
  timeout: text,
  'global-timeout': text,
  list: flag,
  'last-failed': flag,
  'pass-with-no-tests': flag,
  'fail-on-flaky-tests': flag,
  'forbid-only': flag,
  'fully-parallel': flag,
  quiet: flag,
  output: text,
  'test-list': text,
  'test-list-invert': text,
  help: { ...flag, short: 'h' },
} as const;

/** Checks a contract command line against PASSED_ON (test-file filters allowed); true when it asks for --help. */
export function checkContractFlags(argv: string[]): boolean {
  try {
    return Boolean(parseArgs({ args: argv, options: PASSED_ON, strict: true, allowPositionals: true }).values.help);
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split(/\. |\n/)[0]}; see receipt-harness contract --help`);
  }
}
