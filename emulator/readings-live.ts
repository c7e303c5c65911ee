import { contract } from '../spec/contract.js';
import type { Play } from './readings.js';
import { statusIndex, type Store } from './store.js';

const { lifecycle, statusValues } = contract.receipts;
/** How far the turn jumps through a message: about a quarter of a page of 50, so moves spread over a long list. */
const STRIDE = 13;

/** A step through n positions that visits each once before it repeats (coprime with n). */
function strideFor(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = STRIDE % n || 1;
  while (gcd(step, n) !== 1) step++;
  return step;
}

/** The store with receipt statuses and dates of its own (5 bytes a receipt): data sets are shared, and live moves them. */
export function liveStore(store: Store): Store {
  const r = store.receipts;
  return { ...store, receipts: { ...r, status: r.status.slice(), updated: r.updated.slice() } };
}

/**
 * live: receipts move forward while a client looks, as real ones do (OBSERVED.md: Receipts are live). Every nth
 * request for a message (list or fetch, either scope) moves one of its receipts, in turn (spread over the list), to
 * the first next state the spec's lifecycle lists, with date_updated now (strictly later than before); terminal
 * receipts are skipped.
 * Nothing else changes, and a receipt keeps its place in the list.
 */
export class Live {
  private n = 0;
  /** The receipt of each message to move next, as a position in the message. */
  private readonly turn = new Map<number, number>();

  constructor(
    private readonly store: Store,
    private readonly every: number,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** The mover a play asks for, over a store of its own (liveStore), or null (the reading is off). */
  static of(play: Play, store: Store): Live | null {
    return play.live > 0 ? new Live(store, play.live) : null;
  }

  /** Counts a request for message m: every nth moves one of its receipts forward. */
  tick(m: number): void {
    if (++this.n % this.every !== 0) return;
    const { start, size } = this.store.messages;
    const r = this.store.receipts;
    const step = strideFor(size[m]);
    for (let k = 0, at = this.turn.get(m) ?? 0; k < size[m]; k++, at = (at + step) % size[m]) {
      const i = start[m] + at;
      const next = lifecycle.next(statusValues[r.status[i]])[0];
      if (next === undefined) continue; // terminal: it never moves again
      r.status[i] = statusIndex(next);
      r.updated[i] = Math.max(this.now(), r.updated[i] + 1, r.created[i]);
      this.turn.set(m, (at + step) % size[m]);
      return;
    }
  }
}
