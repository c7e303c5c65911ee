// npm run bench:load: the load tool's own overhead. Against one bare node:http server (its own process, constant receipt body),
// plain autocannon and the harness's runner (rotation over 1000 paths, sampled contract validation, µs histogram, series)
// run alternately; the ratio of achieved request rates is the price of the harness. Budget: ours >= 0.9x plain.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { basicAuth } from '../../target/redact.js';
import { numberFlag } from '../options.js';
import { runScenario } from '../run-scenario.js';
import type { Scenario } from '../scenario-file.js';
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

/** The harness: rotation, sampling, its own histogram and series. */
async function ours(url: string, seconds: number): Promise<Side> {
  return measured(async () => {
    const r = await runScenario(
      { ...scenario, duration: seconds },
      { url, publicUrl: judged.publicUrl, secret: { accountSid: judged.accountSid, authToken: 'bench' }, paths },
    );
    return { answers: r.requests.total, seconds: r.duration, sampled: r.sampled, invalid: r.mismatches };
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { url, child } = await startServer(JSON.stringify(example));
try {
  console.log(
    `bench:load: ${rounds} rounds of ${duration} s each, ${connections} connections, 1 body in ${sampleEvery} validated, bare node:http server in its own process`,
  );
  await plain(url, 1); // warm both paths up (JIT, sockets)
  await ours(url, 1);
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // alternate the order so that drift (thermal, other load) does not favour one side
    let a: Side | undefined;
    let o: Side | undefined;
    for (const side of i % 2 === 0 ? ['plain', 'ours'] : ['ours', 'plain']) {
      if (side === 'plain') a = await plain(url, duration);
      else o = await ours(url, duration);
    }
    ratios.push(o!.rate / a!.rate);
    cpuRatios.push(a!.cpuUs / o!.cpuUs);
    console.log(
      `round ${i + 1}: plain autocannon ${Math.round(a!.rate)} req/s (${a!.cpuUs.toFixed(1)} µs CPU/answer), harness ${Math.round(o!.rate)} req/s (${o!.cpuUs.toFixed(1)} µs CPU/answer, ${o!.sampled} bodies validated, ${o!.invalid} invalid), rate ratio ${(o!.rate / a!.rate).toFixed(3)}`,
    );
  }
  const m = median(ratios);
  console.log(
    `median rate ratio harness/plain: ${m.toFixed(3)} (overhead ${((1 - m) * 100).toFixed(1)}%; budget: ratio >= ${BUDGET}) ${m >= BUDGET ? 'within budget' : 'OVER BUDGET'}`,
  );
  console.log(
    `median CPU-per-answer ratio plain/harness: ${median(cpuRatios).toFixed(3)} (the same comparison, robust to other load on the machine)`,
  );
  const secret = { accountSid: judged.accountSid, authToken: 'bench' };
  await compareWorkers({ url, publicUrl: judged.publicUrl, secret, scenario, paths }, rounds, duration);
} finally {
  child.kill();
}
