import type { EventEmitter } from 'node:events';
import autocannon, { type Client } from 'autocannon';
import type { Pacer } from './pace.js';
import type { Scenario } from './scenario-file.js';

/** A progress snapshot for the terminal. */
export interface Progress {
  scenario: string;
  phase: 'warm-up' | 'measure';
  elapsed: number;
  responses: number;
}

/** What autocannon returns with `skipAggregateResult` (its raw counters). */
export interface RawResult {
  totalCompletedRequests: number;
  totalRequests: number;
  totalBytes: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
  start: Date;
}

/** The running instance as an event source that can be stopped (kept apart from its promise side for the linter). */
export type Running = EventEmitter & { stop(): void };

/** Stops every connection at once: autocannon's own stop() waits for its next tick, sending all the while. */
export function createBrake(): { attach(c: Client): void; bind(i: Running): void; pull(): void } {
  const clients: Client[] = [];
  let instance: Running | undefined;
  return {
    attach(c) {
      clients.push(c);
    },
    bind(i) {
      instance = i;
    },
    pull() {
      instance?.stop();
      // in-flight answers are dropped, nothing more is sent
      for (const c of clients) (c as unknown as { destroy(): void }).destroy();
    },
  };
}

/** Runs autocannon and relays progress once per 250 ms. */
export async function fire(
  opts: autocannon.Options,
  phase: Progress['phase'],
  s: Scenario,
  d: { onProgress?: (p: Progress) => void },
  pacer?: Pacer,
  listen?: (i: Running) => void,
): Promise<RawResult> {
  // without a callback autocannon returns an event emitter that is also a promise (its types show only the promise)
  const instance = autocannon({ ...opts, skipAggregateResult: true }) as unknown as Promise<RawResult>;
  const events = instance as unknown as Running;
  pacer?.begin();
  const started = Date.now();
  let responses = 0;
  if (d.onProgress)
    events.on('response', () => {
      responses++;
    }); // only a terminal shows progress
  listen?.(events);
  const timer =
    d.onProgress &&
    setInterval(
      () => d.onProgress!({ scenario: s.name, phase, elapsed: (Date.now() - started) / 1000, responses }),
      250,
    );
  try {
    return await instance;
  } finally {
    if (timer) clearInterval(timer);
  }
}
