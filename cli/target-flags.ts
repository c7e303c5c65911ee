import { targetVariables } from '../client/settings.js';
import { UsageError } from '../client/usage-error.js';

/** The flag of each TARGET_* variable: TARGET_ACCOUNT_SID is --target-account-sid. */
export function flagOf(variable: string): string {
  return '--' + variable.toLowerCase().replaceAll('_', '-');
}

/** What `--help` adds for a command that reads a target. */
export const TARGET_FLAGS_USAGE =
  'target (a flag wins over its variable; with neither TARGET_URL nor --target-url, an embedded emulator is used):\n' +
  targetVariables.map((v) => `  ${flagOf(v)} VALUE  (or ${v})`).join('\n') +
  '\n  prefer the variables for the tokens: a command line is visible to every user of the machine';

/**
 * Takes the --target-* flags out of a command line (`--target-url X` or `--target-url=X`), returning the rest and the
 * TARGET_* settings they give; the command then reads its target from the environment as it always does.
 */
export function takeTargetFlags(argv: readonly string[]): { rest: string[]; settings: Record<string, string> } {
  const byFlag = new Map(targetVariables.map((v) => [flagOf(v), v]));
  const rest: string[] = [];
  const settings: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const variable = byFlag.get(flag);
    if (!variable) {
      rest.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`${flag} needs a value, e.g. ${flag}=… (or set ${variable})`);
    settings[variable] = value;
  }
  return { rest, settings };
}
