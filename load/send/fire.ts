import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import type { Pacer } from './pace.js';
import type { Scenario } from '../run/scenario-file.js';
import type { Wire } from './wire.js';

/** A progress snapshot for the terminal. */
export interface Progress {
  scenario: string;
  phase: 'warm-up' | 'measure';
  elapsed: number;
  responses: number;
}

/** What autocannon returns with `skipAggregateResult` (its raw counters; the wire counts requests and errors). */
export interface RawResult {
  totalBytes: number;
  statusCodeStats: Record<string, { count: number }>;
  start: Date;
}

/** The running instance as an event source that can be stopped (kept apart from its promise side for the linter). */
export type Running = EventEmitter & { stop(): void };

/** Ends a run: nothing new is sent, every request in flight is answered or times out, then autocannon stops. */
export interface Brake {
  bind(i: Running): void;
  pull(): void;
  /** When the brake was first pulled (performance.now()), or undefined. */
  readonly pulledAt: number | undefined;
}

/** A brake over a wire (autocannon's own stop() waits for its next tick, sending all the while, and cuts what is in flight). */
export function createBrake(wire: Wire): Brake {
  let instance: Running | undefined;
  let pulledAt: number | undefined;
  return {
    bind(i) {
      instance = i;
    },
    pull() {
      pulledAt ??= performance.now();
      void wire.end().then(() => instance?.stop());
    },
    get pulledAt() {
      return pulledAt;
    },
  };
}

/** autocannon's own duration, a safety net only: the brake ends the run at `duration`, after draining (<= timeout). */
const SAFETY_S = 10;

/** Runs autocannon for `duration` seconds (or its request bound) and relays progress once per 250 ms. */
export async function fire(
  opts: autocannon.Options & { duration: number; timeout: number },
  phase: Progress['phase'],
  s: Scenario,
  d: { onProgress?: (p: Progress) => void; brake: Brake },
  pacer?: Pacer,
  listen?: (i: Running) => void,
): Promise<RawResult> {
  const seconds = opts.duration + opts.timeout + SAFETY_S;
  // without a callback autocannon returns an event emitter that is also a promise (its types show only the promise)
  const instance = autocannon({
    ...opts,
    duration: seconds,
    skipAggregateResult: true,
  }) as unknown as Promise<RawResult>;
  const events = instance as unknown as Running;
  d.brake.bind(events);
  pacer?.begin();
  const started = Date.now();
  const end = setTimeout(() => d.brake.pull(), opts.duration * 1000);
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
    clearTimeout(end);
    if (timer) clearInterval(timer);
  }
}
