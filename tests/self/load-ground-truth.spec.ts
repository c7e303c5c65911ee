import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect, test } from '../../fixtures/test.js';
import { runScenario } from '../../load/run/run-scenario.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { scenarioFile } from './load-helpers.js';
import {
  createTruthStub,
  near,
  valueAtPercentile,
  type Arrival,
  type TruthOptions,
  type TruthRecord,
} from './load-truth-stub.js';

const FREEZE = { atMs: 1000, forMs: 1000 };
const PERCENTILES = [
  ['p50', 50],
  ['p90', 90],
  ['p99', 99],
  ['max', 100],
] as const;

/** A run's result, the stub's record, and how long the two event loops were held up at worst (ms). */
interface Run {
  r: ScenarioResult;
  stub: TruthRecord;
  lagMs: number;
}

/** Runs one scenario (YAML keys) against a fresh stub in its own process. */
async function run(keys: string, o: TruthOptions): Promise<Run> {
  const [s] = loadScenarioFile(scenarioFile(`scenarios: [{ name: truth, operation: fetch, ${keys} }]`));
  const stub = await createTruthStub(o);
  const secret = { accountSid: stub.accountSid, authToken: 'truth-stub-token' };
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const r = await runScenario(s, { url: stub.url, publicUrl: stub.url, secret, paths: [stub.path] }).catch(
    async (err: unknown) => {
      await stub.stop(); // a failed run still ends the stub's process
      throw err;
    },
  );
  lag.disable();
  const record = await stub.stop();
  return { r, stub: record, lagMs: lag.max / 1e6 + record.lagMs };
}

/** What open loop should report per answer: written minus due, the k-th request on a socket due k intervals after
 * that socket's schedule began (anchored on its most punctual request). */
function dueLatencies(answered: readonly Arrival[], intervalMs: number): number[] {
  const bySocket = new Map<number, Arrival[]>();
  for (const a of answered) bySocket.set(a.socket, [...(bySocket.get(a.socket) ?? []), a]);
  return [...bySocket.values()].flatMap((list) => {
    list.sort((x, y) => x.at - y.at);
    const anchor = Math.min(...list.map((a, k) => a.at - k * intervalMs));
    return list.map((a, k) => a.at + a.serviceMs - (anchor + k * intervalMs));
  });
}

test.describe('load numbers against a stub that knows the truth', () => {
  // one at a time: each run is timing-sensitive, and two side by side would take each other's CPU
  test.describe.configure({ mode: 'default' });

  test('closed loop on a latency mix reports p50, p90, p99 and max of the service times within bounds', async () => {
    const { r, stub, lagMs } = await run('connections: 10, warmup: 0, duration: 30, maxRequests: 1600', { mix: true });
    const service = stub.answered.map((a) => a.serviceMs);
    expect(service.length).toBe(r.requests.total); // the same requests on both sides: every one answered, none cut
    for (const [key, p] of PERCENTILES) near(key, r.latency[key], valueAtPercentile(service, p), lagMs);
  });

  test('a request-bounded run sends exactly N requests, all counted and all judged at sampleEvery 1', async () => {
    const { r, stub } = await run('connections: 7, warmup: 0, duration: 30, maxRequests: 601, sampleEvery: 1', {});
    const counts = { stub: stub.requests, total: r.requests.total, sent: r.requests.sent, sampled: r.sampled };
    expect(counts).toEqual({ stub: 601, total: 601, sent: 601, sampled: 601 });
    expect(r.status_codes).toEqual({ 200: 601 });
    expect(r.mismatches).toBe(0);
  });

  test('a time-bounded run reports as sent exactly the requests the stub received in the measured phase', async () => {
    // warm-up and measurement each open their own sockets: the stub counts requests per generation of sockets
    const { r, stub } = await run('connections: 4, warmup: 0.4, duration: 0.8', { fixedMs: 1 });
    expect(stub.generations.length, `requests per socket generation: ${stub.generations.join(', ')}`).toBe(2);
    expect(r.requests.sent).toBe(stub.generations[1]);
    expect(r.requests.total).toBeLessThanOrEqual(r.requests.sent);
  });

  test('open loop shows a 1 s freeze as the wrk2 model predicts: requests due during it count their wait', async () => {
    const [rate, connections, n] = [200, 20, 600];
    const { r, stub, lagMs } = await run(
      `mode: open, rate: ${rate}, connections: ${connections}, warmup: 0, duration: 20, maxRequests: ${n}`,
      { freeze: FREEZE },
    );
    expect(r.requests.total).toBe(n);
    // what happened: each answer's wait since it was due, from the stub's record and the schedule
    const waits = dueLatencies(stub.answered, (1000 * connections) / rate);
    for (const [key, p] of PERCENTILES) near(`open ${key}`, r.latency[key], valueAtPercentile(waits, p), lagMs);
    // the model: due at t in [t0, t0+F] waits t0+F-t, so the slowest share q of N waited more than F - q·N/rate
    const f = stub.froze!.end - stub.froze!.start;
    const tail = (q: number): number => f - (q * n * 1000) / rate;
    const step = 1000 / rate; // one request due every 5 ms
    near('model p99', r.latency.p99, tail(0.01), lagMs, step);
    near('model max', r.latency.max, f, lagMs, step);
    // the model answers the backlog at once; the stub answers the 200 due in the freeze one after another (~10-40 ms)
    near('model p90', r.latency.p90, tail(0.1), lagMs + 0.1 * f, step);
    expect(r.notes.join('\n')).not.toContain('stall');
  });

  test('closed loop hides the same freeze from its percentiles, and its notes say so', async () => {
    const { r, stub, lagMs } = await run('connections: 4, warmup: 0, duration: 3', { fixedMs: 1, freeze: FREEZE });
    const f = stub.froze!.end - stub.froze!.start;
    // the truth is the longest the stub held a request: the freeze, less however late the first held one arrived
    const held = Math.max(...stub.answered.map((a) => a.serviceMs));
    expect(held, 'a request was held for most of the freeze').toBeGreaterThan(0.9 * f);
    near('closed max', r.latency.max, held, lagMs);
    expect(r.latency.p99, 'only the 4 requests in flight waited').toBeLessThan(f / 10);
    const note = r.notes.find((text) => text.startsWith('a stall of'));
    expect(note, r.notes.join('\n')).toMatch(/coordinated omission\); run it in open mode \(mode: open, rate: \d+\)/);
    const [, seconds, from] = /^a stall of ~(\d+\.\d) s from (\d+\.\d) s:/.exec(note!)!;
    expect(Math.abs(Number(seconds) * 1000 - f), note).toBeLessThanOrEqual(200);
    expect(Math.abs(Number(from) * 1000 - FREEZE.atMs), note).toBeLessThanOrEqual(200);
  });
});
