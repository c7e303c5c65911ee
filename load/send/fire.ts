import autocannon from 'autocannon';
import type { Brake, Running } from './brake.js';
import type { Pacer } from './pace.js';

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

/** autocannon's own duration, a safety net only: the brake ends the run at `duration`, after draining (<= timeout). */
const SAFETY_S = 10;

/** Runs autocannon for `duration` seconds (or its request bound) and relays progress once per 250 ms. */
export async function fire(
  opts: autocannon.Options & { duration: number; timeout: number },
  phase: Progress['phase'],
  scenario: string,
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
    setInterval(() => d.onProgress!({ scenario, phase, elapsed: (Date.now() - started) / 1000, responses }), 250);
  try {
    return await instance;
  } finally {
    clearTimeout(end);
    if (timer) clearInterval(timer);
  }
}
