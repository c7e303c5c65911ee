import { createServer, type ServerResponse } from 'node:http';
import { Server as NetServer, type AddressInfo, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** How the pairing stub answers: where it listens, how many receipts, and what it does wrong on purpose. */
export interface PairOptions {
  /** 0: any free port. */
  port: number;
  /** Wait for a 'listen' message before listening (forked ahead of a restart, so the gap has no start-up in it). */
  later?: boolean;
  /** Answers per connection: the last says Connection: close, and the stub closes the connection after it. */
  cap?: number;
  /** Swap the answers of some pairs of requests for different receipts that wait at the same time (up to 2 ms). */
  swap?: boolean;
  /** Requests each connection keeps in flight (its pipelining): a kill waits until each has sent them all. */
  inFlight?: number;
}

/** The stub's own record (one process): what it read and answered, and what it did wrong on purpose. */
export interface PairRecord {
  received: number;
  answered: number;
  /** Read and never answered when it was killed (each then met a reset, a close, or half an answer and a close). */
  held: number;
  /** Answers that carried another request's receipt. */
  swapped: number;
  /** Requests that arrived on a connection after an answer on it said Connection: close. */
  afterClose: number;
  /** Each answer's service time, ms. */
  serviceMs: number[];
  lagMs: number;
}

/** What the stub serves: each path's answer body (built by the test process from the spec: this file loads none). */
export type Bodies = [path: string, body: string][];
/** A message to the stub: its bodies, then listen (when forked `later`), kill or stop. */
export type PairMessage = { bodies: Bodies } | 'listen' | 'kill' | 'stop';

/** The argument that makes this file, forked, serve. */
export const SERVE_PAIRS = '--pair-stub';
const SWAP_WAIT_MS = 2;
/** Of the pairs of requests that wait together, one in this many is answered swapped (the rest correctly). */
const SWAP_EVERY = 3;
/** After a kill is asked for, requests are held until every connection has sent all it keeps in flight (each will
 * then wait for an answer and write nothing more), or this long on a machine too busy to let the client run. */
const HOLD_MAX_MS = 2000;

type Conn = Socket & { answers: number; received: number; closing: boolean; n: number };

/** Serves receipts on loopback and keeps its own record; kill() holds, cuts every connection and dies. */
function serve(o: PairOptions): {
  listen(): Promise<number>;
  serve(b: Bodies): void;
  record(): PairRecord;
  kill(): Promise<void>;
} {
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const rec: PairRecord = { received: 0, answered: 0, held: 0, swapped: 0, afterClose: 0, serviceMs: [], lagMs: 0 };
  const held: { res: ServerResponse; path: string }[] = [];
  // a pipelined answer has no res.socket until the ones before it are written: each request keeps its connection
  const connOf = new WeakMap<ServerResponse, Conn>();
  const sockets: Conn[] = [];
  let bodies = new Map<string, string>();
  let killing = false;
  let pairs = 0;
  let waiting: { res: ServerResponse; path: string; at: number; timer: NodeJS.Timeout } | null = null;
  const answer = (res: ServerResponse, path: string, bodyOf: string, at: number): void => {
    if (killing) return void held.push({ res, path });
    const conn = connOf.get(res)!;
    const last = ++conn.answers === o.cap;
    if (last) conn.closing = true; // node closes the connection after an answer that says so
    const headers = {
      'content-type': 'application/json',
      'x-truth-for': path,
      ...(last ? { connection: 'close' } : {}),
    };
    rec.serviceMs.push(performance.now() - at);
    rec.answered++;
    res.writeHead(200, headers).end(bodies.get(bodyOf) ?? '{}');
  };
  const swapOrWait = (res: ServerResponse, path: string, at: number): void => {
    const w = waiting;
    if (w && w.path !== path) {
      clearTimeout(w.timer);
      waiting = null;
      const swap = ++pairs % SWAP_EVERY === 0 && !killing;
      if (swap) rec.swapped += 2;
      answer(w.res, w.path, swap ? path : w.path, w.at);
      return answer(res, path, swap ? w.path : path, at);
    }
    if (w) answer(w.res, w.path, w.path, w.at);
    const timer = setTimeout(() => ((waiting = null), answer(res, path, path, at)), SWAP_WAIT_MS);
    waiting = { res, path, at, timer };
  };
  const server = createServer((req, res) => {
    const at = performance.now();
    rec.received++;
    const conn = req.socket as Conn;
    conn.received++;
    connOf.set(res, conn);
    if (conn.closing) return void rec.afterClose++; // a correct client never sends one: left unanswered
    const path = (req.url ?? '/').split('?')[0];
    if (o.swap && !killing) swapOrWait(res, path, at);
    else answer(res, path, path, at);
  });
  server.on('connection', (s: Conn) => {
    Object.assign(s, { answers: 0, received: 0, closing: false, n: sockets.length });
    sockets.push(s);
  });
  return {
    async listen() {
      await new Promise<void>((r) => server.listen(o.port, '127.0.0.1', r));
      return (server.address() as AddressInfo).port;
    },
    serve(b) {
      bodies = new Map(b);
    },
    record: () => ({ ...rec, held: held.length, lagMs: lag.max / 1e6 }),
    async kill() {
      killing = true; // from now on nothing is answered
      if (waiting) {
        clearTimeout(waiting.timer); // a request waiting for a partner to swap with is held like the rest
        held.push(waiting);
        waiting = null;
      }
      // stop listening: new connections are refused (http's own close() would also end idle keep-alive connections
      // at once, and a request a client writes on one just then would never be read)
      NetServer.prototype.close.call(server);
      const full = (c: Conn): boolean => c.destroyed || c.received - c.answers >= (o.inFlight ?? 1);
      for (let waited = 0; waited < HOLD_MAX_MS && !sockets.every(full); waited += 5) await sleep(5);
      // half the held requests get half an answer; half the connections are reset, the rest closed by the death
      held.forEach(({ res, path }, i) => {
        const body = bodies.get(path) ?? '{}';
        if (i % 2 === 0) res.writeHead(200, { 'content-type': 'application/json' }).write(body.slice(0, 40));
      });
      for (const s of sockets) if (s.n % 2 === 0 && !s.destroyed) s.resetAndDestroy();
    },
  };
}

// forked by load-pair-stub.ts: listen (now, or when told), say the port; take the bodies; 'kill' reports and dies,
// 'stop' reports and exits; every message is answered
if (process.argv[2] === SERVE_PAIRS && process.send) {
  process.on('disconnect', () => process.exit(0)); // the test process is gone: never outlive it
  const options = JSON.parse(process.argv[3]) as PairOptions;
  const stub = serve(options);
  const reply = (m: unknown, then: () => void = () => {}): void => void process.send!(m, then);
  reply(options.later ? 'ready' : await stub.listen());
  process.on('message', (m: PairMessage) => {
    if (m === 'listen') void stub.listen().then(reply);
    else if (m === 'kill')
      void stub.kill().then(() => reply(stub.record(), () => process.kill(process.pid, 'SIGKILL')));
    else if (m === 'stop') reply(stub.record(), () => process.exit(0));
    else {
      stub.serve(m.bodies);
      reply('serving');
    }
  });
}
