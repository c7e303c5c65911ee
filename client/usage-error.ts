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

/**
 * The first line of a node:util parseArgs error, made one a newcomer can act on where Node's is not: a value that
 * starts with "-" ("argument is ambiguous") is written `--flag=VALUE`.
 */
export function flagError(e: unknown): string {
  const first = String((e as Error)?.message ?? e).split('\n')[0];
  const ambiguous = /^Option '(-[-\w]+)' argument is ambiguous/.exec(first);
  return ambiguous ? `${ambiguous[1]} takes a value; one that starts with "-" is written ${ambiguous[1]}=VALUE` : first;
}

/** node:util parseArgs in strict mode, its first error line a UsageError ending with `(try --help)`. */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: O }>>['values'] {
  try {
    return parseArgs({ args: argv, strict: true as const, options }).values;
  } catch (e) {
    throw new UsageError(`${flagError(e)} (try --help)`);
  }
}
