import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { SERVE, type TruthAddress, type TruthOptions, type TruthRecord } from './load-truth-server.js';

export { mixDelay, type Arrival, type TruthOptions, type TruthRecord } from './load-truth-server.js';

/** HDR-style value at a percentile: the smallest value with at least p % of all values at or below it. */
export function valueAtPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Reported vs true: never below by more than BASE_MS + SHARE of the truth; above, also by the longest either process's
 * event loop was held up during the run (a busy machine delays answers the stub's clock cannot see). docs/load.md.
 */
const BOUND = { baseMs: 1.5, share: 0.03 };

/** Asserts reported - expected within [-tight, tight + lag] (tight = BOUND + slack), the numbers in the message. */
export function near(name: string, reported: number, expected: number, lagMs: number, slackMs = 0): void {
  const tight = BOUND.baseMs + BOUND.share * expected + slackMs;
  const err = reported - expected;
  const what = `${name}: reported ${reported} ms, true ${expected.toFixed(3)} ms, error ${err.toFixed(3)} ms`;
  test.info().annotations.push({ type: 'truth', description: `${what} (event loops held up ${lagMs.toFixed(1)} ms)` });
  expect(err, `${what}; allowed -${tight.toFixed(2)}`).toBeGreaterThanOrEqual(-tight);
  expect(err, `${what}; allowed +${tight.toFixed(2)} + ${lagMs.toFixed(2)} (lag)`).toBeLessThanOrEqual(tight + lagMs);
}

/**
 * A running ground-truth stub: where it listens, the one fetch path it answers (a valid receipt of its own SIDs, so
 * every sample is valid), and stop(), which resolves with its record: requests received, every answered request in
 * answer order, the freeze as it happened (its clock), and requests per generation of sockets (a socket opened
 * > 100 ms after the one before starts a new one).
 */
export interface TruthStub extends TruthAddress {
  stop(): Promise<TruthRecord>;
}

const SERVER = fileURLToPath(new URL('./load-truth-server.ts', import.meta.url));

/** The child's next message; a child that exits first (a crash) fails the test instead of hanging it. */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exit = (code: number | null): void => reject(new Error(`the truth stub exited (code ${code}) unasked`));
    child.once('exit', exit);
    child.once('message', (m) => {
      child.off('exit', exit);
      resolve(m as T);
    });
  });
}

/** Forks a stub server file with tsx, its stdout and stderr this process's, messages over IPC. */
export function forkStub(file: string, args: string[]): ChildProcess {
  return fork(file, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Starts the stub in a process of its own (tsx), so its timing and the load tool's never share an event loop. */
export async function createTruthStub(o: TruthOptions = {}): Promise<TruthStub> {
  const child = forkStub(SERVER, [SERVE, JSON.stringify(o)]);
  const address = await nextMessage<TruthAddress>(child);
  return {
    ...address,
    stop: () => {
      const record = nextMessage<TruthRecord>(child);
      child.send('stop');
      return record;
    },
  };
}
