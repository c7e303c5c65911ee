import type { Socket } from 'node:net';
import type { Client } from 'autocannon';

// The parts of autocannon 9's HTTP client (node_modules/autocannon/lib/httpClient.js) that the harness reaches, in one
// place. autocannon pairs an answer with the head of one queue per client (`pipelinedRequests`) that it never clears
// when it reconnects after an error or a close, reuses its parser across sockets, and writes the next request on a
// connection whose last answer said `Connection: close`. load/client-patch.ts replaces `_connect`, `_doRequest` and
// `_destroyConnection` on each client (through the `setupClient` hook, before the client first connects) and gives
// every socket a parser of its own. Written against autocannon 9.0 and http-parser-js 0.5.

/** One request in flight as autocannon keeps it; `resent`: the harness wrote it again on a new connection (only
 * those are marked: a property added to every request would cost an allocation each). */
export interface QueueEntry {
  req: { path?: string; requestBuffer: Buffer };
  body: string;
  startTime: [number, number];
  resent?: boolean;
}

/** What http-parser-js passes when a response's headers are complete. */
export interface HeadInfo {
  statusCode: number;
  headers: string[];
  shouldKeepAlive: boolean;
}

/** An http-parser-js parser: its callbacks are numbered slots, set per instance. */
export interface Parser {
  execute(chunk: Buffer): unknown;
  finish(): unknown;
  [slot: number]: ((...args: never[]) => unknown) | undefined;
}

/** http-parser-js's constructor, reached through a parser autocannon made (it is not our dependency). */
interface ParserClass {
  new (type: string): Parser;
  RESPONSE: string;
  kOnHeaders: number;
  kOnHeadersComplete: number;
  kOnBody: number;
  kOnMessageComplete: number;
}

/** autocannon's client with the internals the harness reads or replaces. */
export interface ClientInternals {
  conn: Socket;
  parser: Parser;
  opts: { pipelining: number; verifyBody?: (body: string) => boolean };
  pipelinedRequests: { pendingRequests: QueueEntry[]; peek(): QueueEntry | undefined; size(): number };
  timeoutTicker: { reschedule(ms: number): void };
  timeout: number;
  /** https: a socket is open once its TLS handshake is done. */
  secure: boolean;
  destroyed: boolean;
  responseMax?: number;
  _connect(): void;
  _doRequest(): void;
  _destroyConnection(): void;
  destroy(): void;
}

/** A client's internals; an autocannon without them (another major version) is a clear error, not a silent miscount. */
export function internalsOf(client: Client): ClientInternals {
  const c = client as unknown as ClientInternals;
  const missing = ['_connect', '_doRequest', '_destroyConnection'].filter(
    (k) => typeof c[k as keyof ClientInternals] !== 'function',
  );
  if (missing.length > 0 || !c.pipelinedRequests?.pendingRequests || !c.parser)
    throw new Error(`load: this autocannon has no ${missing.join(', ') || 'request queue'}; the harness needs 9.x`);
  return c;
}

/** The parser class and its callback slots, from a parser autocannon created. */
export function parserClassOf(p: Parser): ParserClass {
  return p.constructor as unknown as ParserClass;
}
