/** Answers served in a row, per request allowed in flight, before the limit is raised by one (a slow additive increase). */
export const RAISE_AFTER = 4;

/**
 * How many requests a client keeps in flight, AIMD-like (as TCP does with its window): halved on a 429 (once per
 * round: 429s to requests sent before the last cut do not cut again), raised by one after RAISE_AFTER × limit answers
 * served, never above the ceiling. A target at its concurrency limit so gets fewer requests at once, then more again.
 */
export class InFlightLimit {
  private inFlight = 0;
  private current: number;
  /** Bumped at each cut: a request remembers the round it was sent in. */
  private round = 0;
  private served = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly ceiling: number) {
    this.current = ceiling;
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return this.current;
  }

  /** Runs a request once fewer than the limit are under way; it gets the round it was sent in. */
  async run<T>(send: (round: number) => Promise<T>): Promise<T> {
    while (this.inFlight >= this.current) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    try {
      return await send(this.round);
    } finally {
      this.inFlight--;
      this.wake();
    }
  }

  /** A 429 to a request sent in `round`: halves the limit, unless a 429 of that round already did. */
  limited(round: number): void {
    if (round !== this.round) return;
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.round++;
    this.served = 0;
  }

  /** An answer served (not a 429): after enough in a row, one more request may be in flight. */
  answered(): void {
    if (this.current >= this.ceiling || ++this.served < RAISE_AFTER * this.current) return;
    this.current++;
    this.served = 0;
    this.wake();
  }

  /** Lets waiting requests go while there is room. */
  private wake(): void {
    for (let room = this.current - this.inFlight; room > 0 && this.waiting.length > 0; room--) this.waiting.shift()?.();
  }
}
