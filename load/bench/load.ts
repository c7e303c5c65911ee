// npm run bench:load: the load tool's own overhead. Against one bare node:http server (its own process, constant receipt body),
// plain autocannon and the harness's runner (rotation over 1000 paths, sampled contract validation, µs histogram, series)
// run alternately; the ratio of achieved request rates is the price of the harness. Budget: ours >= 0.9x plain.
// The harness runs twice a round: at --sample-every (default 100) and judging every answer (sampleEvery 1).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { basicAuth } from '../../client/basic-auth.js';
import { numberFlag } from '../run/options.js';
import { runScenario } from '../run/run-scenario.js';
import type { Scenario } from '../run/scenario-file.js';
import { compareWorkers } from './workers-block.js';

const BUDGET = 0.9;
const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    'sample-every': { type: 'string' },
  },
});
const duration = numberFlag('--duration', values.duration, 'seconds') ?? 4;
const rounds = numberFlag('--rounds', values.rounds, 'count') ?? 3;
const connections = numberFlag('--connections', values.connections, 'count') ?? 10;
const sampleEvery = numberFlag('--sample-every', values['sample-every'], 'count') ?? 100;

/** Starts the bare server in a child process (one core for it, one for the load generator) and returns its URL. */
async function startServer(body: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(new URL('./bare-server.ts', import.meta.url).pathname, [], {
    env: { ...process.env, BODY: body },
    execArgv: ['--import', 'tsx'],
  });
  const [port] = (await once(child, 'message')) as [number];
  return { url: `http://127.0.0.1:${port}`, child };
}

const example = (contract.doc.components as { examples: Record<string, { value: unknown }> }).examples.ServiceReceipt
  .value;
// Every path is the example receipt's own, so each answer is valid for the registry's request-aware checks too
// (path SIDs, account, url); the rotation still walks 1000 entries, as it would over distinct receipts.
const examplePath = new URL((example as { url: string }).url).pathname;
const paths = Array.from({ length: 1000 }, () => examplePath);
const judged = {
  publicUrl: new URL((example as { url: string }).url).origin,
  accountSid: (example as { account_sid: string }).account_sid,
};
const scenario: Scenario = {
  name: 'fetch',
  operation: 'fetch',
  mode: 'closed',
  pageSize: contract.paging.pageSize.default,
  connections,
  pipelining: 1,
  warmup: 0,
  duration,
  maxRequests: 100_000_000,
  timeout: 5,
  sampleEvery,
  thresholds: [],
};

/** A side's achieved rate, and the generator's CPU per answer (µs): far less sensitive to a noisy machine than the rate. */
interface Side {
  rate: number;
  cpuUs: number;
  sampled: number;
  invalid: number;
}

/** Runs one side and measures this process's CPU time over it. */
async function measured(
  run: () => Promise<{ answers: number; seconds: number; sampled?: number; invalid?: number }>,
): Promise<Side> {
  const cpu = process.cpuUsage();
  const r = await run();
  const used = process.cpuUsage(cpu);
  return {
    rate: r.answers / r.seconds,
    cpuUs: (used.user + used.system) / Math.max(r.answers, 1),
    sampled: r.sampled ?? 0,
    invalid: r.invalid ?? 0,
  };
}

// The same request headers on both sides: credentials are part of the workload, not of the harness's overhead.
const HEADERS = { authorization: basicAuth(judged.accountSid, 'bench'), accept: 'application/json' };

/** Plain autocannon: one URL, nothing sampled. */
async function plain(url: string, seconds: number): Promise<Side> {
  return measured(async () => {
    const r = await autocannon({ url: url + paths[0], connections, duration: seconds, headers: HEADERS });
    return { answers: r.requests.total, seconds: r.duration };
  });
}

/** The harness: rotation, sampling (1 answer in `every`), its own histogram and series. */
async function ours(url: string, seconds: number, every = sampleEvery): Promise<Side> {
  return measured(async () => {
    const r = await runScenario(
      { ...scenario, duration: seconds, sampleEvery: every },
      { url, publicUrl: judged.publicUrl, secret: { accountSid: judged.accountSid, authToken: 'bench' }, paths },
    );
    return { answers: r.requests.total, seconds: r.duration, sampled: r.sampled, invalid: r.mismatches };
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (s: Side): string => `${Math.round(s.rate)} req/s, ${s.cpuUs.toFixed(1)} µs CPU/answer`;

// --- the cost of sampleEvery: each round runs plain autocannon, the harness at --sample-every and at 1 ---
/** The sides of a round, rotated each round so that drift (thermal, other load) favours none. */
const SIDES = ['plain', 'sampled', 'every'] as const;
type SideName = (typeof SIDES)[number];
const runSide = (name: SideName, url: string, seconds: number): Promise<Side> =>
  name === 'plain' ? plain(url, seconds) : ours(url, seconds, name === 'every' ? 1 : sampleEvery);

/** One line per harness side: rate and CPU per answer, bodies judged, and both ratios to plain autocannon. */
function harnessLine(label: string, o: Side, a: Side): string {
  const rate = (o.rate / a.rate).toFixed(3);
  const cpu = (a.cpuUs / o.cpuUs).toFixed(3);
  const judged = `${o.sampled} bodies validated, ${o.invalid} invalid`;
  return `  harness, ${label}: ${show(o)} (${judged}), rate ratio ${rate}, CPU ratio plain/harness ${cpu}`;
}

const { url, child } = await startServer(JSON.stringify(example));
try {
  console.log(
    `bench:load: ${rounds} rounds of ${duration} s each, ${connections} connections, harness at 1 body in ` +
      `${sampleEvery} and at every body validated, bare node:http server in its own process`,
  );
  await plain(url, 1); // warm every path up (JIT, sockets)
  await ours(url, 1);
  await ours(url, 1, 1);
  const ratio = { sampled: [] as number[], every: [] as number[] };
  const cpu = { sampled: [] as number[], every: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const sides = {} as Record<SideName, Side>;
    for (let k = 0; k < SIDES.length; k++) {
      const name = SIDES[(i + k) % SIDES.length];
      sides[name] = await runSide(name, url, duration);
    }
    const a = sides.plain;
    console.log(`round ${i + 1}: plain autocannon ${show(a)}`);
    for (const key of ['sampled', 'every'] as const) {
      ratio[key].push(sides[key].rate / a.rate);
      cpu[key].push(a.cpuUs / sides[key].cpuUs);
      console.log(harnessLine(key === 'sampled' ? `sampleEvery ${sampleEvery}` : 'sampleEvery 1', sides[key], a));
    }
  }
  const m = median(ratio.sampled);
  const verdict = m >= BUDGET ? 'within budget' : 'OVER BUDGET';
  console.log(
    `median rate ratio harness/plain at sampleEvery ${sampleEvery}: ${m.toFixed(3)} ` +
      `(overhead ${((1 - m) * 100).toFixed(1)}%; budget: ratio >= ${BUDGET}) ${verdict}`,
  );
  console.log(
    `median CPU-per-answer ratio plain/harness: ${median(cpu.sampled).toFixed(3)} at sampleEvery ${sampleEvery}, ` +
      `${median(cpu.every).toFixed(3)} at sampleEvery 1 (robust to other load on the machine); ` +
      `median rate ratio at sampleEvery 1: ${median(ratio.every).toFixed(3)}`,
  );
  const secret = { accountSid: judged.accountSid, authToken: 'bench' };
  await compareWorkers({ url, publicUrl: judged.publicUrl, secret, scenario, paths }, rounds, duration);
} finally {
  child.kill();
}
