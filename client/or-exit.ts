import { UsageError } from './usage-error.js';

/**
 * Runs a settings reader for playwright.config.ts: a UsageError becomes one line on stderr, `label: message`, and
 * exit 2 before any test starts; any other error is a bug and is thrown as it is.
 */
export function orExit<T>(label: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${label}: ${e.message}`);
    process.exit(2);
  }
}
