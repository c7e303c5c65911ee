import { readTarget, targetVariables, type Target } from '../client/settings.js';
import { checkRemote } from '../client/remote-guard.js';
import { UsageError } from '../client/usage-error.js';

/** Reads one side's settings with the suite's own reader: URL from the flag, the rest from `<side>_*` variables. */
export function readSide(
  side: 'A' | 'B',
  url: string | undefined,
  env: NodeJS.ProcessEnv,
  allowRemote: boolean,
): Target {
  if (!url)
    throw new UsageError(
      `--${side.toLowerCase()} is required: the origin of target ${side}, e.g. http://127.0.0.1:4010`,
    );
  // TARGET_X is read from <side>_X: the same validation as the contract suite, no second copy of it.
  const remapped: Record<string, string | undefined> = { TARGET_URL: url };
  for (const name of targetVariables)
    if (name !== 'TARGET_URL') remapped[name] = env[name.replace(/^TARGET_/, `${side}_`)];
  let target: Target | null;
  try {
    target = readTarget(remapped);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    throw new UsageError(e.message.replace(/TARGET_URL/g, `--${side.toLowerCase()}`).replace(/TARGET_/g, `${side}_`));
  }
  // A diff sends a dozen requests: Twilio's production API needs only --allow-remote, like any remote target.
  checkRemote(`--${side.toLowerCase()}`, target!.url, { allowRemote, acceptTwilioCosts: true }, 'diff');
  return target!;
}
