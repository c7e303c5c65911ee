// npm run bench:load: the load tool's own overhead. Against one bare node:http server (its own process, constant receipt body),
// plain autocannon and the harness's runner (rotation over 1000 paths, every answer judged by the check registry, µs
// histogram, series) run alternately; the median ratio of achieved request rates is the price of the harness.
// Budget: ours >= 0.85x plain, judging every answer (--sample-every, default the scenario default: 1).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { basicAuth } from '../../client/basic-auth.js';
import { numberFlag } from '../run/options.js';
import { runScenario } from '../run/run-scenario.js';
import { SCENARIO_DEFAULTS, type Scenario } from '../run/scenario-file.js';
import { compareWorkers } from './workers-block.js';

const BUDGET = 0.85;
const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    'sample-every': { type: 'string' },
  },
});
const duration = numberFlag('--duration', values.duration, 'seconds') ?? 4;
const rounds = numberFlag('--rounds', values.rounds, 'count') ?? 5;
const connections = numberFlag('--connections', values.connections, 'count') ?? 10;
const sampleEvery = numberFlag('--sample-every', values['sample-every'], 'count') ?? SCENARIO_DEFAULTS.sampleEvery;

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
  answers: number;
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
    answers: r.answers,
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

/** One line per harness round: rate and CPU per answer, answers judged, and both ratios to plain autocannon. */
function harnessLine(o: Side, a: Side): string {
  const rate = (o.rate / a.rate).toFixed(3);
  const cpu = (a.cpuUs / o.cpuUs).toFixed(3);
  const judged = `judged ${o.sampled} of ${o.answers} answers, ${o.invalid} invalid`;
  return `  harness, sampleEvery ${sampleEvery}: ${show(o)} (${judged}), rate ratio ${rate}, CPU ratio plain/harness ${cpu}`;
}

const { url, child } = await startServer(JSON.stringify(example));
let ok = false;
let verdict = '';
try {
  console.log(
    `bench:load: ${rounds} rounds of ${duration} s each, ${connections} connections, harness at sampleEvery ` +
      `${sampleEvery} (every answer judged at 1), bare node:http server in its own process`,
  );
  await plain(url, 1); // warm every path up (JIT, sockets)
  await ours(url, 1);
  const ratio: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // who goes first alternates, so that drift (thermal, other load) favours neither side
    const first = i % 2 === 0 ? await plain(url, duration) : null;
    const o = await ours(url, duration);
    const a = first ?? (await plain(url, duration));
    ratio.push(o.rate / a.rate);
    cpu.push(a.cpuUs / o.cpuUs);
    console.log(`round ${i + 1}: plain autocannon ${show(a)}`);
    console.log(harnessLine(o, a));
  }
  const m = median(ratio);
  ok = m >= BUDGET;
  console.log(
    `median CPU-per-answer ratio plain/harness: ${median(cpu).toFixed(3)} (robust to other load on the machine)`,
  );
  const secret = { accountSid: judged.accountSid, authToken: 'bench' };
  await compareWorkers({ url, publicUrl: judged.publicUrl, secret, scenario, paths }, Math.min(rounds, 3), duration);
  verdict =
    `${ok ? '✓' : '✗'} harness/plain autocannon rate ${m.toFixed(3)}x at sampleEvery ${sampleEvery} ` +
    `(median of ${rounds} rounds; budget >= ${BUDGET}x)`;
} finally {
  child.kill();
}
console.log(verdict);
process.exit(ok ? 0 : 1);
