import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'autocannon';
import { getBounded } from '../../client/http-get.js';
import type { Brake } from '../send/brake.js';
import { authorization, type LoadTarget } from '../target.js';
import type { Reporter } from './progress.js';

/** The longest Retry-After the tool waits out (once) before it probes the target again. */
export const MAX_RETRY_WAIT_S = 10;

/** A phase's 429s: the first one stops the scenario; each is counted and the longest Retry-After kept. */
export interface RateLimitWatch {
  /** Hook for autocannon's `setupClient`: reads Retry-After from each 429's headers. */
  attach(client: Client): void;
  /** Each answer's status, in arrival order (the instance's 'response' event). */
  answered(status: number): void;
  /** 429 answers so far. */
  readonly count: number;
  /** The longest Retry-After (seconds) the target asked for, 0 when none. */
  readonly retryAfter: number;
}

/** Seconds from a Retry-After value (delay-seconds or an HTTP date); 1 when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number {
  if (value === undefined) return 1;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Watches one phase (warm-up or measurement): the first 429 pulls the brake, so nothing new is sent and the
 * requests in flight end (the target asked us to back off); the scenario then fails as rate limited. */
export function createRateLimitWatch(brake: Brake): RateLimitWatch {
  let count = 0;
  let retryAfter = 0;
  return {
    attach(client) {
      client.on('headers', (info) => {
        const { statusCode, headers } = info as unknown as { statusCode: number; headers: string[] };
        if (statusCode !== 429) return;
        const i = headers.findIndex((h, j) => j % 2 === 0 && h.toLowerCase() === 'retry-after');
        retryAfter = Math.max(retryAfter, retryAfterSeconds(i >= 0 ? headers[i + 1] : undefined));
      });
    },
    answered(status) {
      if (status === 429 && count++ === 0) brake.pull();
    },
    get count() {
      return count;
    },
    get retryAfter() {
      return retryAfter;
    },
  };
}

/** True when one request to the target is answered 429 again: the target is still rate limiting. */
async function stillLimited(target: LoadTarget, path: string): Promise<boolean> {
  const limits = { timeoutMs: 5000, maxBodyBytes: 1 << 20, maxRatio: 100 };
  const headers = { authorization: authorization(target), accept: 'application/json' };
  const answer = await getBounded(target.url + path, headers, limits).catch(() => null);
  return answer?.status === 429;
}

/** After a rate-limited scenario: wait Retry-After (capped) the first time, probe once; true: the run skips the
 * remaining scenarios (the probe met a 429, or this is the second rate-limited scenario). */
export async function backOff(
  retryAfter: number,
  waited: boolean,
  target: LoadTarget,
  probe: string,
  reporter: Reporter,
): Promise<boolean> {
  if (waited) {
    reporter.line('the target answered 429 again after backing off once; skipping the remaining scenarios');
    return true;
  }
  const wait = Math.min(retryAfter, MAX_RETRY_WAIT_S);
  const asked = `Retry-After ${retryAfter} s, waits capped at ${MAX_RETRY_WAIT_S} s`;
  reporter.line(`the target answered 429; waiting ${wait} s (${asked}), then one probe request`);
  await sleep(wait * 1000);
  if (!(await stillLimited(target, probe))) return false;
  reporter.line('the probe request was answered 429 too; skipping the remaining scenarios');
  return true;
}
