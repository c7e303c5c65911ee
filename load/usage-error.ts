/** A mistake in the command line, scenario file or target settings: printed as one line, exit 1, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Throws a UsageError naming the setting, what it got and what is allowed. */
export function reject(setting: string, got: unknown, allowed: string): never {
  throw new UsageError(`${setting}: got ${JSON.stringify(got)}; ${allowed}`);
}
