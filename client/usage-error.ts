import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A mistake in a setting, a flag, a file the user names or the command line: the one error type of every consumer,
 * printed as one line naming the setting, never a stack trace, and exit 2 from every command (the README's exit codes).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Throws a UsageError naming the setting, what it got and what is allowed. */
export function reject(setting: string, got: unknown, allowed: string): never {
  throw new UsageError(`${setting}: got ${JSON.stringify(got)}; ${allowed}`);
}

/** node:util parseArgs in strict mode, its first error line a UsageError ending with `(try --help)`. */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: O }>>['values'] {
  try {
    return parseArgs({ args: argv, strict: true as const, options }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (try --help)`);
  }
}
