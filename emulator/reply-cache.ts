import type { Reply } from './fault.js';

/** Longest request URL whose answer is cached (longer ones are hostile or unusual; they are answered, not kept). */
const MAX_URL = 1024;

/**
 * Answers to GETs by account and URL, bounded by total body bytes (oldest dropped first). The data set and the fault
 * are fixed for an emulator's life, so an answer is a pure function of (account, URL): a repeat costs one lookup.
 */
export class ReplyCache {
  private readonly replies = new Map<string, Reply>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** The cache key of a request, or null when it is not cached. */
  key(account: number, url: string): string | null {
    return this.maxBytes > 0 && url.length <= MAX_URL ? `${account} ${url}` : null;
  }

  /** A cached answer; copy it before changing it. */
  get(key: string): Readonly<Reply> | undefined {
    return this.replies.get(key);
  }

  /** Keeps a 200 answer, dropping the oldest ones until it fits. */
  set(key: string, reply: Reply): void {
    const size = reply.body.length + key.length;
    if (reply.status !== 200 || size > this.maxBytes) return;
    while (this.bytes + size > this.maxBytes) {
      const [oldest, r] = this.replies.entries().next().value as [string, Reply];
      this.replies.delete(oldest);
      this.bytes -= r.body.length + oldest.length;
    }
    this.replies.set(key, { ...reply });
    this.bytes += size;
  }
}
