import { setTimeout as sleep } from 'node:timers/promises';
import type { Reporter } from '../run/progress.js';

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
