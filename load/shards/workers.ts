import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '../run/options.js';
import { workerArgs } from './worker-args.js';
import type { LoadResult } from '../result/load-result.js';
import { UsageError } from '../../client/usage-error.js';
import { REPORT_FILES } from '../report/write-reports.js';
import { redact, type Secret } from '../../client/redact.js';
import { RENDEZVOUS_VAR } from './hold-until.js';

/** The latest start the workers are given (--start-at): they start earlier, together, once all are ready. */
export const START_DEADLINE_MS = 60_000;
/** How long after the last worker is ready they all start: time for the message to reach each. */
export const GO_DELAY_MS = 300;
/** The installed command (it runs the sources through tsx itself, whether or not this process was started by tsx). */
const BIN = fileURLToPath(new URL('../../bin/receipt-harness.js', import.meta.url));
const KEEP_OUTPUT = 16_384;

/** A worker that died, or ended without writing its result: the whole run fails, naming it. */
export class WorkerError extends UsageError {
  override name = 'WorkerError';
}

/** One running worker: its label, the process, and the tail of what it printed (for a failure message). */
interface Worker {
  label: string;
  child: ChildProcess;
  out: string;
  dir: string;
}

/** Starts worker i as `node bin/receipt-harness.js load … --shard i/n`, inheriting this process's loader flags. */
function startWorker(
  args: string[],
  env: NodeJS.ProcessEnv,
  label: string,
  dir: string,
  line: (text: string) => void,
): Worker {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const stdio = ['ignore', 'pipe', 'pipe', 'ipc'] as const;
  const child = spawn(process.execPath, [...execArgv, BIN, 'load', ...args], { env, stdio: [...stdio] });
  const w: Worker = { label, child, out: '', dir };
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    w.out = (w.out + text).slice(-KEEP_OUTPUT);
    // how each worker met the start time is worth seeing; its own table and verdict are not (the merge's are)
    for (const m of text.matchAll(/^(waiting until|start time) .*$/gm)) line(`${label}: ${m[0]}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return w;
}

/** Waits for a worker; exit 0 or 1 with a result written is a finished run (1: a breach), anything else a failure. */
function finished(w: Worker, secret: Secret): Promise<void> {
  return new Promise((resolve, reject) => {
    w.child.once('error', (err) => reject(new WorkerError(`${w.label} could not start: ${err.message}`)));
    w.child.once('exit', (code, signal) => {
      if ((code === 0 || code === 1) && existsSync(join(w.dir, REPORT_FILES.json))) return resolve();
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      const last = w.out.trim().split('\n').at(-1) ?? '';
      reject(new WorkerError(redact(`${w.label} ${how} without a result${last ? `: ${last}` : ''}`, secret)));
    });
  });
}

/** Once every worker has said it is ready (or has ended), tells them all one start instant. */
function startTogether(workers: Worker[], line: (text: string) => void): void {
  const ready = new Set<Worker>();
  const mark = (w: Worker): void => {
    if (ready.size === workers.length) return; // told already
    ready.add(w);
    if (ready.size !== workers.length) return;
    const at = new Date(Date.now() + GO_DELAY_MS).toISOString();
    line(`all ${workers.length} workers ready: measuring starts at ${at}`);
    for (const v of workers) if (v.child.connected) v.child.send({ startAt: at });
  };
  for (const w of workers) {
    w.child.on('message', (m: { ready?: boolean }) => m?.ready && mark(w));
    w.child.once('exit', () => mark(w));
  }
}

/** Waits for every worker (none outlives the run); the first failure, or a signal, stops the others and is thrown. */
async function waitForAll(workers: Worker[], secret: Secret): Promise<void> {
  const stopAll = (): void => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
  };
  let interrupted = '';
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupted = sig;
    stopAll();
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  let failure: Error | null = null;
  const settle = (w: Worker): Promise<void> =>
    finished(w, secret).catch((err: Error) => {
      failure ??= err;
      stopAll();
    });
  try {
    await Promise.all(workers.map(settle));
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  if (interrupted) throw new WorkerError(`interrupted (${interrupted}): stopped all ${workers.length} workers`);
  if (failure) throw failure;
}

/** Runs n workers at once and returns their results; the first failure, or Ctrl-C, stops every worker. */
export async function runWorkerProcesses(
  o: Readonly<Options>,
  env: NodeJS.ProcessEnv,
  secret: Secret,
  line: (text: string) => void,
): Promise<{ results: LoadResult[]; labels: string[] }> {
  const n = o.workers!;
  const base = mkdtempSync(join(tmpdir(), 'load-workers-'));
  // without a --start-at of the user's, the workers start together as soon as the slowest is ready
  const startAt = o.startAt ?? new Date(Date.now() + START_DEADLINE_MS);
  const workerEnv = o.startAt ? env : { ...env, [RENDEZVOUS_VAR]: '1' };
  try {
    const workers = Array.from({ length: n }, (_, k) => {
      const dir = join(base, String(k + 1));
      return startWorker(workerArgs(o, k + 1, n, startAt, dir), workerEnv, `worker ${k + 1}/${n}`, dir, line);
    });
    line(`${n} workers started (pids ${workers.map((w) => w.child.pid).join(', ')})`);
    if (!o.startAt) startTogether(workers, line);
    await waitForAll(workers, secret);
    const read = (w: Worker): Promise<LoadResult> =>
      readFile(join(w.dir, REPORT_FILES.json), 'utf8').then((t) => JSON.parse(t) as LoadResult);
    return { results: await Promise.all(workers.map(read)), labels: workers.map((w) => w.label) };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
