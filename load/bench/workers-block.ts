// bench:load's --workers block: the same closed-loop fetch scenario from 1 generator process and from 2 (each its
// shard: half the connections, its part of the rotation), side by side against the same bare server.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Scenario } from '../run/scenario-file.js';
import type { Secret } from '../../client/redact.js';
import type { ShardJob, ShardReport } from './shard-worker.js';

/** What every generator process drives. */
export interface WorkersBench {
  url: string;
  publicUrl: string;
  secret: Secret;
  scenario: Scenario;
  paths: string[];
}

/** One side: answers per second over all its processes, and their CPU per answer (µs). */
interface Side {
  rate: number;
  cpuUs: number;
}

const WORKER = new URL('./shard-worker.ts', import.meta.url).pathname;
const START_MS = 200;

/** Runs `n` generator processes at once (started, warmed up, then told one instant), like `--workers n`. */
async function side(b: WorkersBench, n: number, seconds: number): Promise<Side> {
  const kids: ChildProcess[] = Array.from({ length: n }, () => fork(WORKER, [], { execArgv: ['--import', 'tsx'] }));
  const warm = kids.map((k) => once(k, 'message')); // start-up and warm-up are not measured
  kids.forEach((k, i) => {
    const job: ShardJob = { ...b, scenario: { ...b.scenario, duration: seconds }, shard: { index: i + 1, count: n } };
    k.send(job);
  });
  await Promise.all(warm);
  const reports = kids.map((k) => once(k, 'message').then(([m]) => m as ShardReport));
  const startAt = Date.now() + START_MS;
  for (const k of kids) k.send({ startAt });
  const all = await Promise.all(reports);
  const answers = all.reduce((a, r) => a + r.answers, 0);
  return {
    rate: all.reduce((a, r) => a + r.answers / r.seconds, 0),
    cpuUs: all.reduce((a, r) => a + r.cpuUs, 0) / Math.max(answers, 1),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates 1 and 2 generator processes for `rounds` rounds and prints each round and the median ratios. */
export async function compareWorkers(b: WorkersBench, rounds: number, seconds: number): Promise<void> {
  console.log(
    `\n--workers 2 vs 1: the same scenario (${b.scenario.connections} connections) from 1 process, then split over 2`,
  );
  const rates: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let one: Side | undefined;
    let two: Side | undefined;
    for (const n of i % 2 === 0 ? [1, 2] : [2, 1]) {
      if (n === 1) one = await side(b, 1, seconds);
      else two = await side(b, 2, seconds);
    }
    rates.push(two!.rate / one!.rate);
    cpus.push(one!.cpuUs / two!.cpuUs);
    console.log(
      `round ${i + 1}: 1 worker ${Math.round(one!.rate)} req/s (${one!.cpuUs.toFixed(1)} µs CPU/answer), ` +
        `2 workers ${Math.round(two!.rate)} req/s (${two!.cpuUs.toFixed(1)} µs CPU/answer), ` +
        `rate ratio ${(two!.rate / one!.rate).toFixed(3)}`,
    );
  }
  console.log(
    `median rate ratio 2 workers/1: ${median(rates).toFixed(3)}; ` +
      `median CPU-per-answer ratio 1/2: ${median(cpus).toFixed(3)} (the server shares these cores: ` +
      'the ratio is what a second generator process costs or gains on this machine, not on one with idle cores)',
  );
}
