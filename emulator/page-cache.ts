/** Serialized list pages, bounded by total bytes (oldest dropped first): a repeated page costs a lookup. */
export class PageCache {
  private readonly pages = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  /** The cached page of a key, if any. */
  get(key: string): Buffer | undefined {
    return this.pages.get(key);
  }

  /** Caches a page, dropping the oldest ones until it fits. */
  set(key: string, page: Buffer): void {
    if (page.length > this.maxBytes) return;
    while (this.bytes + page.length > this.maxBytes) {
      const [oldest, buf] = this.pages.entries().next().value as [string, Buffer];
      this.pages.delete(oldest);
      this.bytes -= buf.length;
    }
    this.pages.set(key, page);
    this.bytes += page.length;
  }
}
