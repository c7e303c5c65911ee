import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { contract, type SidField } from '../../spec/contract.js';

/**
 * Service time of request n (0-based), in ms, a counter-driven mix whose percentiles sit inside plateaus:
 * 40 % none, 40 % 5 ms, 18 % 20 ms, 1.5 % 100 ms, 0.5 % 250 ms, so p50 5, p90 20, p99 100 and max 250 are distinct.
 */
export function mixDelay(n: number): number {
  if (n % 200 === 199) return 250;
  if (n % 50 === 49) return 100;
  if (n % 10 >= 8) return 20;
  return n % 10 >= 4 ? 5 : 0;
}

/** How the stub answers: the latency mix, or after `fixedMs` (0: at once); a freeze `atMs` after the first request,
 * for `forMs`. */
export interface TruthOptions {
  mix?: boolean;
  fixedMs?: number;
  freeze?: { atMs: number; forMs: number };
}
/** One request as the stub saw it: arrival (performance.now()), its service time, and the socket it came on. */
export interface Arrival {
  at: number;
  serviceMs: number;
  socket: number;
}

/** The argument that makes this file, forked, serve (a process of its own: it shares no event loop with the client). */
export const SERVE = '--truth-stub';

const example = (contract.doc.components as { examples: Record<string, { value: Record<string, unknown> }> }).examples
  .ServiceReceipt.value;
/** The SID of a field numbered n (its prefix from the spec, then n in hex). */
export const numberedSid = (field: SidField, n: number): string => {
  const prefix = contract.sids.prefix(field) ?? '';
  return prefix + n.toString(16).padStart(contract.sids.length(field) - prefix.length, '0');
};
/** The SIDs of the stub's one receipt (and of every receipt of the pairing stub, but its own `sid`). */
export const SIDS = {
  account_sid: numberedSid('account_sid', 1),
  chat_service_sid: numberedSid('chat_service_sid', 2),
  conversation_sid: numberedSid('conversation_sid', 3),
  message_sid: numberedSid('message_sid', 4),
  sid: numberedSid('sid', 5),
};
/** A receipt with these SIDs, its url at `origin` (the spec's example for every other field). */
export function receiptOf(origin: string, sids: typeof SIDS): Record<string, unknown> {
  const receipt = { ...example, ...sids };
  return { ...receipt, url: contract.paths.receiptUrl(origin, receipt, 'service') };
}
/** A socket opened this long after the one before starts a new generation (warm-up and measurement open their own). */
const GENERATION_GAP_MS = 100;

/** The stub's own record of a run, sent to the test when it stops. */
export interface TruthRecord {
  requests: number;
  answered: Arrival[];
  froze: { start: number; end: number } | null;
  generations: number[];
  /** The longest the stub's own event loop was held up (ms): a wait its record cannot see. */
  lagMs: number;
}
/** Where the server listens and what it serves. */
export interface TruthAddress {
  url: string;
  path: string;
  accountSid: string;
}

/** Starts a node:http stub on loopback that knows exactly what it did: arrivals, service times, freeze, sockets. */
async function serve(o: TruthOptions): Promise<TruthAddress & { stop(): Promise<TruthRecord> }> {
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const answered: Arrival[] = [];
  const sockets: number[] = []; // opening time of each socket
  const perSocket: number[] = [];
  const held: (() => void)[] = [];
  let requests = 0;
  let first: number | undefined;
  let body = '';
  const freeze: { start?: number; end?: number } = {};
  const frozen = (): boolean => freeze.start !== undefined && freeze.end === undefined;
  const write = (res: ServerResponse, a: Arrival): void => {
    if (frozen()) return void held.push(() => write(res, a));
    a.serviceMs = performance.now() - a.at;
    answered.push(a);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };
  // both moments are taken as the timers fire (a timer may be late): the test compares with the freeze as it happened
  const schedule = (f: { atMs: number; forMs: number }): void => {
    setTimeout(() => (freeze.start = performance.now()), f.atMs);
    setTimeout(() => {
      freeze.end = performance.now();
      for (const answer of held.splice(0)) answer();
    }, f.atMs + f.forMs);
  };
  const server = createServer((req, res) => {
    const at = performance.now();
    if (first === undefined && o.freeze) schedule(o.freeze);
    first ??= at;
    const a: Arrival = { at, serviceMs: 0, socket: (req.socket as Socket & { n: number }).n };
    perSocket[a.socket]++;
    const delay = o.mix ? mixDelay(requests) : (o.fixedMs ?? 0);
    requests++;
    if (delay > 0) setTimeout(write, delay, res, a);
    else write(res, a);
  });
  server.on('connection', (s: Socket & { n: number }) => {
    s.n = sockets.push(performance.now()) - 1;
    perSocket.push(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const receipt = receiptOf(url, SIDS);
  body = JSON.stringify(receipt);
  const path = new URL(receipt.url as string).pathname;
  const froze = (): TruthRecord['froze'] =>
    freeze.start === undefined || freeze.end === undefined ? null : { start: freeze.start, end: freeze.end };
  return {
    url,
    path,
    accountSid: SIDS.account_sid,
    stop: async () => {
      await settle(server);
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      lag.disable();
      const lagMs = lag.max / 1e6;
      return { requests, answered, froze: froze(), generations: generationsOf(sockets, perSocket), lagMs };
    },
  };
}

/** Waits (at most 2 s) until the clients have closed every socket: requests still unread then are counted, not cut. */
async function settle(server: Server): Promise<void> {
  const open = (): Promise<number> => new Promise((r) => server.getConnections((_e, n) => r(n)));
  for (let waited = 0; waited < 2000 && (await open()) > 0; waited += 20) await new Promise((r) => setTimeout(r, 20));
}

/** Requests per generation of sockets, sockets in opening order. */
function generationsOf(opened: readonly number[], perSocket: readonly number[]): number[] {
  const out: number[] = [];
  opened.forEach((t, i) => {
    if (i === 0 || t - opened[i - 1] > GENERATION_GAP_MS) out.push(0);
    out[out.length - 1] += perSocket[i];
  });
  return out;
}

// forked by createTruthStub: serve, say where, and on any message stop and send the record
if (process.argv[2] === SERVE && process.send) {
  process.on('disconnect', () => process.exit(0)); // the test process is gone: never outlive it
  const stub = await serve(JSON.parse(process.argv[3]) as TruthOptions);
  process.send({ url: stub.url, path: stub.path, accountSid: stub.accountSid });
  process.once('message', () => {
    void stub.stop().then((record) => process.send!(record, () => process.exit(0)));
  });
}
