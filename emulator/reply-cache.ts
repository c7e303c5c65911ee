import type { Reply } from './fault-hooks.js';

/** Longest request URL whose answer is cached (longer ones are hostile or unusual; they are answered, not kept). */
const MAX_URL = 1024;

/** A cached answer: its body as bytes (written without re-encoding) and its header list, both worked out once. */
export type CachedReply = Readonly<Reply> & { readonly body: Buffer; readonly head: readonly string[] };

/** The header list of an answer, as writeHead takes it (a fresh array: the caller may add to it). */
export function headerList(reply: Reply): string[] {
  const length = typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.length;
  const headers: string[] = ['Content-Type', reply.type, 'Content-Length', String(length)];
  if (reply.headers) for (const [k, v] of Object.entries(reply.headers)) headers.push(k, v);
  return headers;
}

/**
 * Answers to GETs by account and URL, bounded by total body bytes (oldest dropped first). The data set and the fault
 * are fixed for an emulator's life, so an answer is a pure function of (account, URL): a repeat costs one lookup.
 */
export class ReplyCache {
  /** One map per account, keyed by the raw URL: no key is built per request. */
  private readonly byAccount: Map<string, CachedReply>[] = [];
  /** Insertion order across accounts, for eviction. */
  private readonly order: [number, string][] = [];
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** Whether a request URL's answer may be cached. */
  cacheable(url: string): boolean {
    return this.maxBytes > 0 && url.length <= MAX_URL;
  }

  /** A cached answer; copy it before changing it. */
  get(account: number, url: string): CachedReply | undefined {
    return this.byAccount[account]?.get(url);
  }

  /** Keeps a 200 answer, dropping the oldest ones until it fits. */
  set(account: number, url: string, reply: Reply): void {
    const size = reply.body.length + url.length;
    if (reply.status !== 200 || size > this.maxBytes) return;
    while (this.bytes + size > this.maxBytes && this.order.length) {
      const [a, u] = this.order.shift() as [number, string];
      const old = this.byAccount[a].get(u);
      this.byAccount[a].delete(u);
      this.bytes -= (old?.body.length ?? 0) + u.length;
    }
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
    (this.byAccount[account] ??= new Map()).set(url, { ...reply, body, head: headerList(reply) });
    this.order.push([account, url]);
    this.bytes += size;
  }
}
