import { setTimeout as sleep } from 'node:timers/promises';
import type { Reporter } from './progress.js';
import { reject } from '../client/usage-error.js';

/** How far in the past a --start-at may be (a shard that starts a little late runs at once) and how far ahead. */
export const START_AT_LIMITS = { pastS: 5, aheadS: 3600 };

// a zone is required: a time without one means another instant on each machine's clock
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i;

/** Parses --start-at: an ISO time from a few seconds ago to an hour ahead; anything else names the flag. */
export function parseStartAt(text: string | undefined, now = Date.now()): Date | null {
  if (text === undefined) return null;
  const at = Date.parse(text);
  const ahead = (at - now) / 1000;
  const example = `e.g. --start-at ${new Date(Math.ceil(now / 1000) * 1000 + 60_000).toISOString()}`;
  if (!ISO_WITH_ZONE.test(text.trim()) || Number.isNaN(at))
    reject('--start-at', text, `allowed: an ISO date-time with a zone, ${example}`);
  if (ahead < -START_AT_LIMITS.pastS)
    reject('--start-at', text, `that is ${(-ahead).toFixed(1)} s ago; give a time in the future, ${example}`);
  if (ahead > START_AT_LIMITS.aheadS)
    reject('--start-at', text, `that is ${Math.round(ahead)} s ahead; at most ${START_AT_LIMITS.aheadS} s allowed`);
  return new Date(at);
}

/** Set by `--workers` for its generators: report ready over IPC and start when the parent says (or at --start-at). */
export const RENDEZVOUS_VAR = 'LOAD_WORKER_RENDEZVOUS';

/** Tells the parent this worker is ready, then waits for its start instant; --start-at stays the latest start. */
function rendezvous(deadline: Date): Promise<Date> {
  return new Promise((resolve) => {
    const done = (at: Date): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
      process.disconnect?.(); // an open IPC channel would keep this process alive after its run
      resolve(at);
    };
    const onMessage = (m: unknown): void => {
      const at = Date.parse(String((m as { startAt?: unknown })?.startAt));
      if (!Number.isNaN(at)) done(new Date(Math.min(at, deadline.getTime())));
    };
    const timer = setTimeout(() => done(deadline), Math.max(0, deadline.getTime() - Date.now()));
    process.on('message', onMessage);
    process.send!({ ready: true });
  });
}

/** Holds until --start-at (after discovery, before the first warm-up), so every shard measures at the same time. */
export async function holdUntil(startAt: Date | null, reporter: Reporter): Promise<Date | null> {
  if (!startAt) return null;
  const at = process.send && process.env[RENDEZVOUS_VAR] ? await rendezvous(startAt) : startAt;
  const ms = at.getTime() - Date.now();
  if (ms <= 0) {
    reporter.line(`start time ${at.toISOString()} passed ${(-ms / 1000).toFixed(1)} s ago: starting now`);
    return at;
  }
  reporter.line(`waiting until ${at.toISOString()} (${(ms / 1000).toFixed(1)} s)`);
  await sleep(ms);
  return at;
}
