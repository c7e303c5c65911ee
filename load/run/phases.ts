import type autocannon from 'autocannon';
import type { Client } from 'autocannon';
import { createBrake, type Running } from '../send/brake.js';
import { fire, type Progress, type RawResult } from '../send/fire.js';
import { createWire, type Wire } from '../send/wire.js';
import { createLatencyMeter, type LatencyMeter } from '../measure/latency-meter.js';
import { createRateLimitWatch, type RateLimitWatch } from './rate-limit.js';
import { MIN_INTERVAL_MS } from '../measure/series.js';
import { createPacer } from '../send/pace.js';
import { createRotation, type Rotation } from '../send/rotation.js';
import { createContractSampler, type ContractSampler } from '../measure/contract-sampler.js';
import { notRun, type ScenarioResult } from '../result/scenario-result.js';
import { createHistogram } from '../measure/histograms.js';
import { createAbortWatch } from '../thresholds/abort-watch.js';
import { chooseInterval } from '../thresholds/windows.js';
import type { Scenario } from './scenario-file.js';
import { type Secret } from '../../client/redact.js';
import { basicAuth } from '../../client/basic-auth.js';

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
function cannonOptions(
  s: Scenario,
  d: Drive,
  seconds: number,
  rotation: Rotation,
): autocannon.Options & { duration: number; timeout: number } {
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

/** The instance's 'response' listener: the meter records each answer, then a 429 stops the phase. */
function listenTo(meter: LatencyMeter, limit: RateLimitWatch): (i: Running) => void {
  return (i) =>
    i.on('response', (c: Client, status: number, bytes: number, ms: number) => {
      meter.onResponse(c, status, bytes, ms);
      limit.answered(status);
    });
}

/** Warms up; a 429 there stops it at once, and the scenario ends rate limited without measuring. */
export async function warmUp(s: Scenario, d: Drive): Promise<ScenarioResult | null> {
  const pacer = s.mode === 'open' ? createPacer((1000 * connectionsOf(s)) / s.rate!, connectionsOf(s)) : undefined;
  const rotation = createRotation(sentPaths(d), connectionsOf(s), s.pipelining);
  const wire = createWire({ schedule: pacer?.schedule });
  const brake = createBrake(wire);
  const limit = createRateLimitWatch(brake);
  const meter = createLatencyMeter({ intervalMs: 1000 });
  const setupClient = (c: Client): void => {
    wire.attach(c);
    rotation.attach(c);
    meter.attach(c);
    limit.attach(c);
    pacer?.attach(c);
  };
  const options = { ...cannonOptions(s, d, s.warmup, rotation), setupClient };
  await fire(options, 'warm-up', s.name, { ...d, brake }, pacer, listenTo(meter, limit));
  meter.finish();
  if (limit.count === 0) return null;
  const why = `the target answered 429 (rate limited) in the warm-up; the scenario stopped at once (Retry-After: ${limit.retryAfter} s)`;
  const counts = { rate_limited: limit.count, retry_after: limit.retryAfter, urls: new Set(d.paths).size };
  return notRun(s, why, createHistogram(), counts);
}

/** About 60 intervals per run (100 ms to 1 s), or fewer so that each threshold window is a whole number of them. */
const intervalOf = (s: Scenario): number =>
  chooseInterval(s.thresholds, Math.min(1000, Math.max(MIN_INTERVAL_MS, Math.round((s.duration * 1000) / 60))));

/** What the measured phase leaves: autocannon's counters, the wire's outcomes, the meter, the 429s, the sampler, its
 * end and why it was aborted, if it was. */
export interface Measured {
  raw: RawResult;
  wire: Wire;
  meter: LatencyMeter;
  limit: RateLimitWatch;
  sampler: ContractSampler;
  /** When sending stopped (the brake) or the last answer arrived, whichever was later (performance.now()). */
  end: number;
  aborted?: string;
}

/** The measured phase: rotation, pacing, sampled judging and the meter; a 429 or a lost abortOnFail rule brakes. */
export async function measure(s: Scenario, d: Drive): Promise<Measured> {
  const { publicUrl, secret } = d;
  const sampled = { operation: s.operation, publicUrl, accountSid: secret.accountSid, secret, basePath: prefixOf(d) };
  const pacer = s.mode === 'open' ? createPacer((1000 * connectionsOf(s)) / s.rate!, connectionsOf(s)) : undefined;
  let aborted: string | undefined;
  const wire = createWire({ schedule: pacer?.schedule, onFailed: (...f) => meter.onFailed(...f) });
  const brake = createBrake(wire);
  const limit = createRateLimitWatch(brake);
  const meter = createLatencyMeter({
    intervalMs: intervalOf(s),
    latency: pacer && ((client, ms, now) => pacer.latencySinceDue(client, now) ?? ms),
    // a lost abortOnFail rule: the target is broken, so it does not get the rest of the load
    onInterval: createAbortWatch(s.thresholds, (note) => {
      aborted = note;
      brake.pull();
    }),
  });
  const sampler = createContractSampler(sampled, s.sampleEvery, (valid) => meter.onJudged(valid));
  const rotation = createRotation(sentPaths(d), connectionsOf(s), s.pipelining);
  const setupClient = (c: Client): void => {
    wire.attach(c); // first: the others see a client whose answers are paired with their own requests
    rotation.attach(c);
    sampler.attach(c);
    meter.attach(c);
    limit.attach(c);
    pacer?.attach(c);
  };
  const options = { ...cannonOptions(s, d, s.duration, rotation), setupClient };
  const raw = await fire(options, 'measure', s.name, { ...d, brake }, pacer, listenTo(meter, limit));
  return { raw, wire, meter, limit, sampler, end: Math.max(brake.pulledAt ?? 0, meter.lastAnswer), aborted };
}
