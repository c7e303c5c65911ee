import { errorReply, type ErrorCtx } from './errors.js';
import type { Reply } from './fault.js';
import { RETRY_AFTER_S, type Play } from './readings.js';

/** URLs refused and not yet served again, at most: past it nothing is refused, so a retry is still always served. */
const MAX_OWED = 4096;

/**
 * rate-limited / no-retry-after: every nth request gets a 429, deterministically (a counter, no clock). A URL refused
 * is owed its answer: the next request for it is served, so a client that waits and retries always gets through.
 */
export class RateLimit {
  private n = 0;
  private readonly owed = new Set<string>();
  private readonly headers: Record<string, string> | undefined;

  constructor(
    private readonly every: number,
    retryAfter: boolean,
  ) {
    this.headers = retryAfter ? { 'Retry-After': String(RETRY_AFTER_S) } : undefined;
  }

  /** The limiter a play asks for, or null (the reading is off: answering never consults it). */
  static of(play: Play): RateLimit | null {
    return play.limitEvery > 0 ? new RateLimit(play.limitEvery, play.retryAfter) : null;
  }

  /** A 429 for this request, or null when it is to be served. */
  refuse(ctx: ErrorCtx, url: string): Reply | null {
    if (this.owed.delete(url)) return null; // a retry is always served
    if (++this.n % this.every !== 0 || this.owed.size >= MAX_OWED) return null;
    this.owed.add(url);
    return errorReply(ctx, 429, undefined, this.headers);
  }
}
