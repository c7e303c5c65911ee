import type { Socket } from 'node:net';
import { parserClassOf, type ClientInternals, type HeadInfo, type Parser } from './autocannon-internals.js';

/** Why requests ended without an answer: `refused`, `reset`, `closed`, `timeout`, `unpaired`, `stopped`, or an errno. */
export type Cause = string;

/** One socket of an autocannon client, with its own parser, and what is known about it. */
export interface ClientSocket {
  conn: Socket;
  parser: Parser;
  connected: boolean;
  /** The socket failed or the target closed it; `retired`: its requests have ended in their buckets. */
  dead: boolean;
  retired: boolean;
  cause: Cause | null;
  /** The answer being read said Connection: close; `closing`: that answer is complete, nothing more is written. */
  closeAnnounced: boolean;
  closing: boolean;
  /** A 1xx answer is being read: the final answer to the same request follows it. */
  informational: boolean;
  answers: number;
  /** Requests written while it was connecting (sent once it connects). */
  fresh: number;
  /** Requests written since its last chunk began: an answer read in the chunk during which its request was written
   * came before that request. */
  writtenInChunk: number;
}

/** What the socket's parser and events call. */
export interface SocketEvents {
  head(s: ClientSocket, info: HeadInfo): unknown;
  complete(s: ClientSocket): void;
  connected(s: ClientSocket): void;
}

const CAUSES: Record<string, Cause> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
};
const causeOf = (err: NodeJS.ErrnoException): Cause => CAUSES[err.code ?? ''] ?? err.code ?? 'error';
const noop = (): void => {};

/** Marks a socket dead (the first cause wins: a close after a reset is still a reset). */
export function markDead(s: ClientSocket, cause: Cause): void {
  if (s.dead) return;
  s.dead = true;
  s.cause = cause;
}

/** Silences a socket's parser: bytes still being parsed from it (a chunk is read whole) reach no request. */
export function silence(s: ClientSocket): void {
  const P = parserClassOf(s.parser);
  for (const slot of [P.kOnHeaders, P.kOnHeadersComplete, P.kOnBody, P.kOnMessageComplete]) s.parser[slot] = noop;
}

/**
 * Opens a new socket through autocannon's own `_connect` (TLS, IPC and its data, error and end handlers included), but
 * with a parser of its own whose head and completion go through `on`, and without the requests `_connect` would
 * write itself: the caller writes them.
 */
export function openSocket(c: ClientInternals, connect: () => void, base: Parser, on: SocketEvents): ClientSocket {
  const P = parserClassOf(base);
  const parser = new P(P.RESPONSE);
  const s: ClientSocket = {
    ...{ conn: c.conn, parser, connected: false, dead: false, retired: false, cause: null },
    ...{ closeAnnounced: false, closing: false, informational: false, answers: 0, fresh: 0, writtenInChunk: 0 },
  };
  // each chunk autocannon reads goes to execute: seen there, not by one more 'data' listener on every chunk
  const execute = parser.execute;
  parser.execute = (chunk: Buffer) => {
    s.writtenInChunk = 0;
    return execute.call(parser, chunk);
  };
  parser[P.kOnHeaders] = base[P.kOnHeaders];
  parser[P.kOnBody] = base[P.kOnBody];
  parser[P.kOnHeadersComplete] = (info: HeadInfo) => on.head(s, info);
  parser[P.kOnMessageComplete] = () => on.complete(s);
  c.parser = parser;
  const pipelining = c.opts.pipelining;
  c.opts.pipelining = 0;
  try {
    connect.call(c);
  } finally {
    c.opts.pipelining = pipelining;
  }
  s.conn = c.conn;
  // before autocannon's handlers, which call _connect
  s.conn.prependListener('error', (err: NodeJS.ErrnoException) => markDead(s, causeOf(err)));
  s.conn.prependListener('end', () => {
    markDead(s, 'closed');
    s.parser.finish(); // an answer whose body runs until the close is complete now
  });
  s.conn.once(c.secure ? 'secureConnect' : 'connect', () => {
    s.connected = true;
    on.connected(s);
  });
  return s;
}
