import type { Options } from '../run/options.js';
import type { LoadTarget } from '../target.js';
import { EMBEDDED_MESSAGES_VAR } from '../target.js';

/** The command line of worker i of n: the parent's own settings, plus its shard, the shared start and its folder. */
export function workerArgs(o: Readonly<Options>, i: number, n: number, startAt: Date, out: string): string[] {
  const flag = (name: string, v: number | undefined): string[] => (v === undefined ? [] : [`--${name}`, String(v)]);
  return [
    o.file,
    ...(o.scenarios.length ? ['--scenario', o.scenarios.join(',')] : []),
    ...flag('duration', o.duration),
    ...flag('connections', o.connections),
    ...flag('rate', o.rate),
    ...flag('warmup', o.warmup),
    ...(o.allowRemote ? ['--allow-remote'] : []),
    ...(o.acceptTwilioCosts ? ['--i-accept-twilio-costs'] : []),
    ...['--shard', `${i}/${n}`, '--start-at', startAt.toISOString(), '--out', out],
  ];
}

/**
 * The environment of every worker: TARGET_* of the one target (the parent's embedded emulator, when it is one), and
 * no GITHUB_STEP_SUMMARY: the job summary gets the merged report only, from the parent.
 */
export function workerEnv(
  parentEnv: NodeJS.ProcessEnv,
  target: LoadTarget,
  targetVars: Record<string, string>,
): NodeJS.ProcessEnv {
  const { GITHUB_STEP_SUMMARY: _parentsOnly, ...env } = parentEnv;
  if (!target.embedded) return env;
  const messages = target.messages.map(({ serviceSid, conversationSid, messageSid }) => ({
    serviceSid,
    conversationSid,
    messageSid,
  }));
  return { ...env, ...targetVars, [EMBEDDED_MESSAGES_VAR]: JSON.stringify(messages) };
}
