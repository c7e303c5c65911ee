import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExchangeResponse } from '../spec/checks/index.js';

/** The first wait after a 429 without Retry-After; each next one doubles (RFC 6585 makes the header optional). */
export const BACKOFF_MS = 250;

const NO_RETRY_AFTER =
  'the target answered 429 without a usable Retry-After (RFC 6585 makes it optional): ' +
  `the client backed off on its own, ${BACKOFF_MS} ms doubling`;
const RETRIED =
  'the target answered 429 (rate limited): the client waited (as Retry-After asked, or backing off on its own), ' +
  'lowered its requests in flight and retried ' +
  'until served (every 429 is judged as an answer too)';

type Sink = ((type: string, description: string) => void) | undefined;

/**
 * How often the run's shared verdict file is looked for, at most: once per request cost a file system call each (about
 * 2 % of the generated phase); another worker's verdict is seen this much later, a few more 429s at most.
 */
export const SHARED_VERDICT_EVERY_MS = 100;

/** What bounds waiting on 429s: the patience, the longest own backoff, the run's deadline, the shared verdict file. */
export interface PatienceLimits {
  /** CONTRACT_RATE_PATIENCE: the longest stretch of 429s with no answer served in between. */
  patienceMs: number;
  /** The longest wait of the client's own backoff (when the 429 names no Retry-After). */
  maxBackoffMs: number;
  /** CONTRACT_DEADLINE as an instant (ms since the epoch): no wait may end after it. */
  deadlineAt?: number;
  rateStateFile?: string;
}

/** After a 429: the wait before its retry, or why the client stops (the message the request fails with). */
export type After429 = { wait: number } | { stop: string };

/**
 * Keeps retrying 429s for as long as the target serves something: a stretch of 429s with no answer served in between
 * may last CONTRACT_RATE_PATIENCE, and no wait may pass CONTRACT_DEADLINE. Past the patience the target counts as
 * rate-limiting and serving nothing: the verdict is shared with the run's other workers, and later requests fail at once.
 */
export class RatePatience {
  private verdict: string | null = null;
  /** When the current stretch of 429s began (ms since the epoch), or null after an answer was served. */
  private since: number | null = null;
  /** When the shared verdict file was last looked for (performance.now()); never yet for a fresh client. */
  private lookedAt = -Infinity;

  constructor(private readonly limits: PatienceLimits) {}

  /** Why the target counts as serving nothing (later requests are not sent), or null; a verdict another worker of
   * the same run reached counts too: no worker waits out the patience again. */
  get limited(): string | null {
    const file = this.limits.rateStateFile;
    if (this.verdict !== null || !file) return this.verdict;
    const now = performance.now();
    if (now - this.lookedAt < SHARED_VERDICT_EVERY_MS) return null;
    this.lookedAt = now;
    if (existsSync(file)) this.verdict = readFileSync(file, 'utf8');
    return this.verdict;
  }

  /** An answer was served (anything complete but a 429): the stretch of 429s is over. */
  served(): void {
    this.since = null;
  }

  /** After the `attempt`th 429 of one request (from 0): how long to wait before retrying it, or why to stop. */
  after(response: ExchangeResponse, attempt: number, note: Sink): After429 {
    const now = Date.now();
    this.since ??= now;
    const asked = retryAfterMs(response.headers['retry-after']);
    if (asked === null) note?.('429 without Retry-After', NO_RETRY_AFTER);
    // at least BACKOFF_MS even when asked for less: a target answering `Retry-After: 0` forever is not hammered
    const wait =
      asked === null ? Math.min(BACKOFF_MS * 2 ** attempt, this.limits.maxBackoffMs) : Math.max(asked, BACKOFF_MS);
    const { patienceMs, deadlineAt } = this.limits;
    const patience = `CONTRACT_RATE_PATIENCE=${seconds(patienceMs)}`;
    if (asked !== null && asked > patienceMs)
      return this.stop(`the target asked to wait ${seconds(asked)} after a 429, longer than ${patience} allows`);
    if (now + wait - this.since > patienceMs)
      return this.stop(`the target answered 429 for ${seconds(now - this.since)} with no answer served (${patience})`);
    if (deadlineAt !== undefined && now + wait > deadlineAt)
      return { stop: `the wait of ${seconds(wait)} after a 429 would end past the run's deadline (CONTRACT_DEADLINE)` };
    note?.('429 (rate limited)', RETRIED);
    return { wait };
  }

  /** Records the verdict once, for this client and the run's other workers. */
  private stop(why: string): After429 {
    if (this.limited === null) {
      this.verdict = `${why}: it is rate-limiting and serving nothing; the remaining requests fail at once`;
      if (this.limits.rateStateFile) writeFileSync(this.limits.rateStateFile, this.verdict);
    }
    return { stop: this.limited ?? why };
  }
}

/** Retry-After in ms: delay-seconds or an HTTP-date (RFC 9110); null when absent or unreadable. */
export function retryAfterMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) && /[a-z]/i.test(text) ? Math.max(0, at - Date.now()) : null;
}

/** A duration in seconds for a message. */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
