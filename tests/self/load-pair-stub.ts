import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkStub, nextMessage } from './load-truth-stub.js';
import { receiptOf, SIDS, numberedSid } from './load-truth-server.js';
import { SERVE_PAIRS, type Bodies, type PairMessage, type PairOptions, type PairRecord } from './load-pair-server.js';
import { runScenario } from '../../load/run/run-scenario.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { scenarioFile } from './load-helpers.js';

export type { PairOptions, PairRecord } from './load-pair-server.js';

/** Where the stub listens, the paths it answers (each with its own receipt), and the account its receipts name. */
export interface PairAddress {
  url: string;
  port: number;
  paths: string[];
  accountSid: string;
}

/** One fetch scenario (YAML keys; every answer judged, timeout 2 s, no warm-up) against a target's receipts. */
export function runFetch(t: Omit<PairAddress, 'port'>, keys: string): Promise<ScenarioResult> {
  const base = 'name: pairs, operation: fetch, warmup: 0, sampleEvery: 1, timeout: 2';
  const [s] = loadScenarioFile(scenarioFile(`scenarios: [{ ${base}, ${keys} }]`));
  const secret = { accountSid: t.accountSid, authToken: 'pair-stub-token' };
  return runScenario(s, { url: t.url, publicUrl: t.url, paths: t.paths, secret });
}

/** A running pairing stub: kill() dies mid-run, stop() ends it; both resolve with its own record. */
export interface PairStub extends PairAddress {
  kill(): Promise<PairRecord>;
  stop(): Promise<PairRecord>;
  child: ChildProcess;
}

const SERVER = fileURLToPath(new URL('./load-pair-server.ts', import.meta.url));

/** `receipts` receipts of one message at an origin, by path (the same on every restart: the port is kept). */
export function bodiesAt(url: string, receipts: number): Bodies {
  return Array.from({ length: receipts }, (_, i) => {
    const r = receiptOf(url, { ...SIDS, sid: numberedSid('sid', i + 1) });
    return [new URL(r.url as string).pathname, JSON.stringify(r)];
  });
}

/** A stub process; with `later`, forked ahead and listening only once told (a restart's gap holds no start-up). */
interface Spare {
  child: ChildProcess;
  ready: Promise<unknown>;
  listen(): Promise<PairStub>;
}

function spare(o: PairOptions, receipts: number): Spare {
  const child = forkStub(SERVER, [SERVE_PAIRS, JSON.stringify(o)]);
  const ask = <T>(m: PairMessage): Promise<T> => {
    const answer = nextMessage<T>(child);
    child.send(m);
    return answer;
  };
  const first = nextMessage<number | 'ready'>(child);
  const ready = first.then(async (m) =>
    o.later ? ask({ bodies: bodiesAt(`http://127.0.0.1:${o.port}`, receipts) }) : m,
  );
  ready.catch(() => {}); // a spare killed unused (the run ended first) is no failure; listen() still sees the error
  return {
    child,
    ready,
    async listen() {
      const port = o.later ? (await ready, await ask<number>('listen')) : ((await ready) as number);
      const url = `http://127.0.0.1:${port}`;
      const bodies = bodiesAt(url, receipts);
      if (!o.later) await ask({ bodies });
      const stub = { url, port, paths: bodies.map(([path]) => path), accountSid: SIDS.account_sid, child };
      return { ...stub, kill: () => ask<PairRecord>('kill'), stop: () => ask<PairRecord>('stop') };
    },
  };
}

/** Starts a pairing stub on a free port, serving `receipts` receipts. */
export const startPairStub = (receipts: number, o: Omit<PairOptions, 'port' | 'later'> = {}): Promise<PairStub> =>
  spare({ ...o, port: 0 }, receipts).listen();

/** How often the stub dies while the load runs: up this long, killed, down this long, then up on the same port. */
export interface RestartPlan {
  restarts: number;
  upMs: number;
  downMs: number;
}

/** What a run under restarts left: its result, every stub process's record in order, and each restart: when the kill
 * was asked for and when the next process was told to listen (Date.now(), this process's clock). */
export interface Restarted<T> {
  result: T;
  records: PairRecord[];
  restarts: { killAt: number; listenAt: number }[];
}

/** Processes forked ahead of their restart: two, so a slow start-up seldom holds a restart back. */
const AHEAD = 2;

/** Runs `run` against a stub that is killed and started again on the same port per the plan, while the run lasts. */
export async function withRestarts<T>(
  receipts: number,
  o: Omit<PairOptions, 'port' | 'later'>,
  plan: RestartPlan,
  run: (a: PairAddress) => Promise<T>,
): Promise<Restarted<T>> {
  let current = await startPairStub(receipts, o);
  const spares: Spare[] = [];
  const records: PairRecord[] = [];
  const restarts: Restarted<T>['restarts'] = [];
  const refill = (): void => {
    while (spares.length < Math.min(AHEAD, plan.restarts - restarts.length))
      spares.push(spare({ ...o, port: current.port, later: true }, receipts));
  };
  refill();
  await spares[0]?.ready; // the first restart's process is up before any load: a slow start cannot push it past the run
  let done = false;
  const running = run(current).finally(() => (done = true));
  try {
    while (spares.length > 0 && !done) {
      await Promise.race([sleep(plan.upMs), running.catch(() => {})]);
      await spares[0].ready;
      if (done) break;
      const killAt = Date.now();
      records.push(await current.kill());
      await sleep(plan.downMs);
      const listenAt = Date.now();
      current = await spares.shift()!.listen();
      restarts.push({ killAt, listenAt });
      refill();
    }
    const result = await running;
    records.push(await current.stop());
    return { result, records, restarts };
  } finally {
    for (const s of spares) s.child.kill();
    if (current.child.exitCode === null) current.child.kill();
  }
}
