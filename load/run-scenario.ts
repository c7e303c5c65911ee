import type autocannon from 'autocannon';
import type { Client } from 'autocannon';
import { createBrake, fire, type Progress, type RawResult } from './cannon.js';
import { createMeter, MAX_BODY_BYTES, type Meter } from './meter.js';
import { createPacer } from './pace.js';
import { createRotation, type Rotation } from './rotation.js';
import { createSampleValidator, type SampleValidator } from './sample-validator.js';
import { finalize, notRun, settingsOf, type ScenarioResult } from './scenario-result.js';
import { createHistogram } from './histograms.js';
import { createAbortWatch } from './abort-watch.js';
import { chooseInterval, MIN_INTERVAL_MS } from './window-rules.js';
import { stallNotes } from './stall-note.js';
import type { Scenario } from './scenario-file.js';
import { basicAuth } from '../client/basic-auth.js';
import { type Secret } from '../client/redact.js';

export type { Progress } from './cannon.js';

/** Where and how to send: the base URL, the base URL the target writes into links, its credentials, the API paths. */
export interface Drive {
  url: string;
  publicUrl: string;
  secret: Secret;
  paths: readonly string[];
  onProgress?: (p: Progress) => void;
}

// A short sample interval lets a request-bounded run end promptly; autocannon notices "done" only on a tick.
const SAMPLE_INT_MS = 100;

/** Open loop never has more connections than requests per second, so each connection's interval is at most 1 s. */
const connectionsOf = (s: Scenario): number => (s.mode === 'open' ? Math.min(s.connections, s.rate!) : s.connections);

/** The path prefix of the target's base URL ('' for an origin): autocannon sends each path as given, so it goes first. */
const prefixOf = (d: Drive): string => new URL(d.url).pathname.replace(/\/+$/, '');
/** The paths as sent: under the base URL's prefix. */
const sentPaths = (d: Drive): string[] => d.paths.map((p) => prefixOf(d) + p);

/** autocannon options shared by warm-up and measurement: rotation over paths, closed or open loop, time and request bounds. */
function cannonOptions(s: Scenario, d: Drive, seconds: number, rotation: Rotation): autocannon.Options {
  return {
    url: d.url,
    connections: connectionsOf(s),
    pipelining: s.pipelining,
    duration: seconds,
    timeout: s.timeout,
    sampleInt: SAMPLE_INT_MS,
    maxOverallRequests: Math.max(s.maxRequests, s.connections),
    headers: { authorization: basicAuth(d.secret.accountSid, d.secret.authToken), accept: 'application/json' },
    requests: rotation.requests,
  };
}

/** Warms up; a 429 there stops it at once, and the scenario ends rate limited without measuring. */
async function warmUp(s: Scenario, d: Drive): Promise<ScenarioResult | null> {
  const pacer = s.mode === 'open' ? createPacer((1000 * connectionsOf(s)) / s.rate!, connectionsOf(s)) : undefined;
  const rotation = createRotation(sentPaths(d), connectionsOf(s), s.pipelining);
  const brake = createBrake();
  const meter = createMeter({ intervalMs: 1000, on429: () => brake.pull() });
  const setupClient = (c: Client): void => {
    brake.attach(c);
    rotation.attach(c);
    meter.attach(c);
    pacer?.attach(c);
  };
  await fire({ ...cannonOptions(s, d, s.warmup, rotation), setupClient }, 'warm-up', s, d, pacer, (i) => {
    brake.bind(i);
    i.on('response', meter.onResponse);
  });
  meter.finish();
  if (meter.rateLimited === 0) return null;
  const why = `the target answered 429 (rate limited) in the warm-up; the scenario stopped at once (Retry-After: ${meter.retryAfter} s)`;
  const counts = { rate_limited: meter.rateLimited, retry_after: meter.retryAfter, urls: new Set(d.paths).size };
  return notRun(s, why, createHistogram(), counts);
}

/** About 60 intervals per run (100 ms to 1 s), or fewer so that each threshold window is a whole number of them. */
const intervalOf = (s: Scenario): number =>
  chooseInterval(s.thresholds, Math.min(1000, Math.max(MIN_INTERVAL_MS, Math.round((s.duration * 1000) / 60))));

/** What the measured phase leaves: autocannon's counters, the meter, the sampler and why it was aborted, if it was. */
interface Measured {
  raw: RawResult;
  meter: Meter;
  validator: SampleValidator;
  aborted?: string;
}

/** The measured phase: rotation, pacing, sampled judging and the meter; a 429 or a lost abortOnFail rule brakes. */
async function measure(s: Scenario, d: Drive): Promise<Measured> {
  const { publicUrl, secret } = d;
  const sampled = { operation: s.operation, publicUrl, accountSid: secret.accountSid, secret, basePath: prefixOf(d) };
  const brake = createBrake();
  const pacer = s.mode === 'open' ? createPacer((1000 * connectionsOf(s)) / s.rate!, connectionsOf(s)) : undefined;
  let aborted: string | undefined;
  const meter = createMeter({
    intervalMs: intervalOf(s),
    latency: pacer && ((client, ms) => pacer.latencySinceDue(client, performance.now()) ?? ms),
    on429: () => brake.pull(), // the target asked us to back off: stop sending now
    // a lost abortOnFail rule: the target is broken, so it does not get the rest of the load
    onInterval: createAbortWatch(s.thresholds, (note) => {
      aborted = note;
      brake.pull();
    }),
  });
  const validator = createSampleValidator(sampled, s.sampleEvery, (valid) => meter.onJudged(valid));
  const rotation = createRotation(sentPaths(d), connectionsOf(s), s.pipelining);
  const setupClient = (c: Client): void => {
    brake.attach(c);
    rotation.attach(c);
    validator.attach(c);
    meter.attach(c);
    pacer?.attach(c);
  };
  const raw = await fire({ ...cannonOptions(s, d, s.duration, rotation), setupClient }, 'measure', s, d, pacer, (i) => {
    brake.bind(i);
    i.on('response', meter.onResponse);
    i.on('reqError', meter.onError);
  });
  return { raw, meter, validator, aborted };
}

/** Warms up, then measures one scenario; judges a sample of answers; stops at once on a 429 (Retry-After is the caller's). */
export async function runScenario(s: Scenario, d: Drive): Promise<ScenarioResult> {
  const limited = s.warmup > 0 ? await warmUp(s, d) : null;
  if (limited) return limited;
  const { raw, meter, validator, aborted } = await measure(s, d);
  const series = meter.finish();
  const stopped = `the target answered 429 (rate limited) ${meter.rateLimited} times; the scenario stopped at once`;
  const notes = meter.rateLimited ? [`${stopped} (Retry-After: ${meter.retryAfter} s)`] : [];
  if (aborted) notes.push(aborted);
  notes.push(...stallNotes({ mode: s.mode, series }));
  // autocannon reconnects silently when the server closes a connection; requests lost that way are errors too
  const dropped = Math.max(0, meter.sent - raw.totalCompletedRequests - raw.timeouts - s.connections * s.pipelining);
  if (meter.oversize > 0)
    notes.push(
      `${meter.oversize} answers were cut off for a body larger than ${MAX_BODY_BYTES} bytes; counted as timeouts`,
    );
  if (dropped > 0)
    notes.push(
      `${dropped} requests were sent but never answered (the target closed the connection); counted as errors`,
    );
  return finalize(
    {
      name: s.name,
      operation: s.operation,
      mode: s.mode,
      settings: settingsOf(s),
      urls: new Set(d.paths).size,
      generators: 1,
      start: new Date(raw.start).toISOString(),
      duration: raw.duration,
      requests: { total: raw.totalCompletedRequests, sent: meter.sent },
      throughput: { total: raw.totalBytes },
      errors: raw.errors + dropped,
      timeouts: raw.timeouts,
      non2xx: raw.non2xx,
      mismatches: validator.invalid,
      sampled: validator.sampled,
      rate_limited: meter.rateLimited,
      retry_after: meter.retryAfter,
      status_codes: Object.fromEntries(Object.entries(raw.statusCodeStats).map(([code, v]) => [code, v.count])),
      series,
      parts: [],
      invalid_examples: validator.examples,
      notes,
    },
    meter.histogram,
    s.thresholds,
  );
}
