import { errorReply, type ErrorCtx } from './errors.js';
import type { Fault, Reply } from './fault-hooks.js';
import { RETRY_AFTER_S, type Play } from './readings.js';

/** URLs refused and not yet served again, at most: past it nothing is refused, so a retry is still always served. */
const MAX_OWED = 4096;

/** What refusing needs: the error helper's context, and how many requests are in flight (this one included). */
export interface LimitCtx extends ErrorCtx {
  inFlight(): number;
}

/** A gateway's own 429 page: HTML, not Twilio's JSON error (the fault gateway-html-429). */
const GATEWAY_PAGE: Reply = {
  status: 429,
  type: 'text/html',
  body: '<html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1></body></html>',
  headers: { 'Retry-After': '0' },
};

/**
 * The rate limits a correct server may have (rate-limited, rate-limited-heavy, no-retry-after, concurrency-limit) and a
 * gateway's HTML 429 (a fault): every nth request gets a 429, deterministically (a counter, no clock), and a URL refused
 * is owed its answer (the next request for it is served, so a client that waits and retries always gets through);
 * past `maxInFlight` requests at once every further one gets a 429, whatever its URL.
 */
export class RateLimit {
  private n = 0;
  private readonly owed = new Set<string>();

  constructor(
    private readonly every: number,
    private readonly maxInFlight: number,
    private readonly refusal: (ctx: ErrorCtx) => Reply,
  ) {}

  /** The limiter a play (or a fault) asks for, or null (none is on: answering never consults it). */
  static of(play: Play, fault: Fault): RateLimit | null {
    if (fault.gateway429Every) return new RateLimit(fault.gateway429Every, 0, () => ({ ...GATEWAY_PAGE }));
    if (play.limitEvery === 0 && play.maxInFlight === 0) return null;
    const headers = play.retryAfter ? { 'Retry-After': String(RETRY_AFTER_S) } : undefined;
    return new RateLimit(play.limitEvery, play.maxInFlight, (ctx) => errorReply(ctx, 429, undefined, headers));
  }

  /** A 429 for this request, or null when it is to be served. */
  refuse(ctx: LimitCtx, url: string): Reply | null {
    if (this.maxInFlight > 0 && ctx.inFlight() > this.maxInFlight) return this.refusal(ctx);
    if (this.every === 0 || this.owed.delete(url)) return null; // a retry is always served
    if (++this.n % this.every !== 0 || this.owed.size >= MAX_OWED) return null;
    this.owed.add(url);
    return this.refusal(ctx);
  }
}
