import { parseArgs } from 'node:util';
import { flagError, reject, UsageError } from '../client/usage-error.js';

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

/** The values Playwright would refuse with a stack trace of its own (exit 1): checked here, one line and exit 2. */
const VALUES: Partial<Record<keyof typeof PASSED_ON, [RegExp, string]>> = {
  shard: [/^[1-9]\d*\/[1-9]\d*$/, 'CURRENT/TOTAL, e.g. 1/3'],
  workers: [/^([1-9]\d*|[1-9]\d?%|100%)$/, 'a number of workers or a percentage of the cores, e.g. 2 or 50%'],
  'max-failures': [/^\d+$/, 'a whole number'],
  'repeat-each': [/^[1-9]\d*$/, 'a whole number from 1'],
  retries: [/^\d+$/, 'a whole number'],
  timeout: [/^\d+$/, 'milliseconds, a whole number'],
  'global-timeout': [/^\d+$/, 'milliseconds, a whole number'],
};

/** Checks a contract command line against PASSED_ON (test-file filters allowed); true when it asks for --help. */
export function checkContractFlags(argv: string[]): boolean {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: PASSED_ON, strict: true, allowPositionals: true }).values;
  } catch (e) {
    throw new UsageError(`${flagError(e).split(/\. /)[0]}; see receipt-harness contract --help`);
  }
  for (const [name, [form, allowed]] of Object.entries(VALUES)) {
    const value = values[name];
    if (typeof value === 'string' && !form.test(value)) reject(`--${name}`, value, `allowed: ${allowed}`);
  }
  const shard = typeof values.shard === 'string' ? values.shard.split('/').map(Number) : null;
  if (shard && shard[0] > shard[1]) reject('--shard', values.shard, 'allowed: CURRENT at most TOTAL, e.g. 3/3');
  return Boolean(values.help);
}
