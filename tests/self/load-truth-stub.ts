import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVE, type TruthAddress, type TruthOptions, type TruthRecord } from './load-truth-server.js';

export { mixDelay, type Arrival, type TruthOptions, type TruthRecord } from './load-truth-server.js';

/** HDR-style value at a percentile: the smallest value with at least p % of all values at or below it. */
export function valueAtPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
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
function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exit = (code: number | null): void => reject(new Error(`the truth stub exited (code ${code}) unasked`));
    child.once('exit', exit);
    child.once('message', (m) => {
      child.off('exit', exit);
      resolve(m as T);
    });
  });
}

/** Starts the stub in a process of its own (tsx), so its timing and the load tool's never share an event loop. */
export async function createTruthStub(o: TruthOptions = {}): Promise<TruthStub> {
  const child = fork(SERVER, [SERVE, JSON.stringify(o)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
