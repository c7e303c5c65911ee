import type { Client } from 'autocannon';
import { patchClient, type ClientHooks, type PatchedClient } from './client-patch.js';
import type { Cause } from './client-socket.js';
import { noOutcomes, type Bucket, type Outcomes } from './outcomes.js';

/** A failed request's bucket and why it failed, as the meter hears it (series and outage notes). */
export type FailureListener = (bucket: Exclude<Bucket, 'answered'>, cause: Cause, n: number) => void;

/** Every client of one autocannon run, patched: the run's outcomes, and its end (drained, never cut). */
export interface Wire {
  /** Hook for autocannon's `setupClient`, before anything else touches the client. */
  attach(client: Client): void;
  /** Starts nothing more; requests waiting for a connection end as not sent; resolves once every other has ended. */
  end(): Promise<void>;
  readonly outcomes: Readonly<Outcomes>;
  /** Requests written on a connection that was open (each once, however often it was written). */
  readonly sent: number;
}

/** Creates the run's wire: `schedule` paces the clients (open loop), `onFailed` hears each failed request. */
export function createWire(o: { schedule?: ClientHooks['schedule']; onFailed?: FailureListener } = {}): Wire {
  const failures = noOutcomes(); // the rare counts; started, sent and answered are summed over the clients
  const clients: PatchedClient[] = [];
  const run = { ending: false };
  const sum = (k: keyof PatchedClient['counts']): number => clients.reduce((n, c) => n + c.counts[k], 0);
  let drained: Promise<void> | null = null;
  let release: (() => void) | null = null;
  const check = (): void => {
    if (release && clients.every((c) => c.pending() === 0)) {
      release();
      release = null;
    }
  };
  const hooks: ClientHooks = {
    run,
    schedule: o.schedule,
    ended(bucket, cause, n) {
      failures[bucket] += n;
      o.onFailed?.(bucket, cause, n);
    },
    resent: (n) => void (failures.resent += n),
    unpaired: () => void failures.unpaired++,
    settled: () => {
      if (run.ending) check();
    },
  };
  return {
    attach(client) {
      clients.push(patchClient(client, hooks));
    },
    end() {
      if (drained) return drained;
      run.ending = true;
      drained = new Promise((r) => (release = r));
      for (const c of clients) c.end();
      check();
      return drained;
    },
    get outcomes() {
      return { ...failures, started: sum('started'), answered: sum('answered') };
    },
    get sent() {
      return sum('sent');
    },
  };
}
