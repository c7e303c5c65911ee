import type { Client } from 'autocannon';
import type { Histogram } from 'hdr-histogram-js';
import { createHistogram, recordLatency } from './histograms.js';
import { createSeriesRecorder, type Series } from './series.js';
import { createOutageWatch } from './outage-watch.js';
import type { FailureListener } from '../send/wire.js';

/** Records one phase from autocannon's events: each answer's latency in the run's HDR histogram (µs) and in its
 * interval of the series, failed requests by interval, outages, and answers cut for size. */
export interface LatencyMeter {
  /** Listener for the autocannon instance's 'response' event. */
  onResponse(client: Client, status: number, bytes: number, ms: number): void;
  /** Requests that ended without an answer (the wire's buckets): counted in their interval, and watched for outages. */
  onFailed: FailureListener;
  /** An answer the sampler judged: counted in its interval, so error_rate holds over windows as over the run. */
  onJudged(valid: boolean): void;
  /** Hook for autocannon's `setupClient`: cuts a body that passes MAX_BODY_BYTES. */
  attach(client: Client): void;
  /** Ends the time series. */
  finish(): Series;
  readonly histogram: Histogram;
  /** Answers cut off because the body passed MAX_BODY_BYTES (each also counts as a timeout). */
  readonly oversize: number;
  /** When the measured phase began and when its last answer arrived (performance.now(); the start if none did). */
  readonly start: number;
  readonly lastAnswer: number;
  /** Each span without an answer in which requests failed, one line each (`no answer from 3.0 s to 5.1 s: …`). */
  outages(end: number): string[];
}

/** A body larger than this is cut off: autocannon buffers every body as a string, and a hostile target could exhaust memory. */
export const MAX_BODY_BYTES = 16 << 20;

// autocannon internals: its per-request timer; firing it now drops the connection and counts a timeout.
interface Timed {
  timeoutTicker: { reschedule(ms: number): void };
}

/** Cuts an answer off (as a timeout) once its body passes MAX_BODY_BYTES. */
function capBody(client: Client, onOversize: () => void): void {
  let bodyBytes = 0;
  client.on('headers', () => {
    bodyBytes = 0;
  });
  client.on('body', (chunk) => {
    bodyBytes += chunk.length; // the whole socket chunk: an over-estimate, fine for a cap
    if (bodyBytes <= MAX_BODY_BYTES) return;
    bodyBytes = -Infinity;
    onOversize();
    (client as unknown as Timed).timeoutTicker.reschedule(1);
  });
}

/** `latency` may replace autocannon's measure (open loop: time since the request was due). */
export function createLatencyMeter(opts: {
  intervalMs: number;
  latency?: (client: Client, ms: number, now: number) => number;
  /** Called after each interval ends, with the series so far and the whole-run histogram (rules judged while running). */
  onInterval?: (series: Series, total: Histogram) => void;
}): LatencyMeter {
  const histogram = createHistogram();
  const recorder = createSeriesRecorder(opts.intervalMs);
  let oversize = 0;
  // each cut is due at start + k·interval: a late timer on a busy machine must not stretch every later interval
  // (setInterval re-arms from when it fired, so its lateness would add up and the time axis would shrink)
  const start = performance.now();
  let lastAnswer = start;
  const outages = createOutageWatch(start);
  let cuts = 0;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    timer = setTimeout(tick, Math.max(0, start + (cuts + 1) * opts.intervalMs - performance.now()));
  };
  const tick = (): void => {
    cuts++;
    recorder.cut();
    opts.onInterval?.(recorder.series, histogram);
    arm();
  };
  arm();
  return {
    onResponse(client, status, resBytes, ms) {
      lastAnswer = performance.now();
      outages.answer(lastAnswer);
      const latency = opts.latency ? opts.latency(client, ms, lastAnswer) : ms;
      recordLatency(histogram, latency);
      recorder.add(status, resBytes, latency);
    },
    onFailed(bucket, cause, n) {
      recorder.failed(bucket, n);
      outages.failure(bucket, cause, n);
    },
    onJudged(valid) {
      recorder.judged(valid);
    },
    attach(client) {
      capBody(client, () => {
        oversize++;
      });
    },
    finish() {
      clearTimeout(timer);
      if (recorder.pending > 0) recorder.cut();
      return recorder.series;
    },
    histogram,
    start,
    get lastAnswer() {
      return lastAnswer;
    },
    outages: (end) => outages.notes(end),
    get oversize() {
      return oversize;
    },
  };
}
