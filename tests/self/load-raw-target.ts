import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bodiesAt } from './load-pair-stub.js';

/** One request as a raw target read it: its socket, its path, the receipt it asks for, its number (from 1), and how
 * to mark the socket closing (after an answer that says Connection: close or is HTTP/1.0). */
export interface RawRequest {
  socket: Socket;
  path: string;
  body: string;
  n: number;
  closing(): void;
}
/** How a raw target answers one request. */
export type Respond = (r: RawRequest) => void;

/** A target written on raw sockets (answers node:http would refuse to send), serving receipts by path. */
export interface RawTarget {
  url: string;
  paths: string[];
  accountSid: string;
  /** Requests read, and requests read on a connection after the target had said it would close it. */
  readonly requests: number;
  readonly afterClose: number;
  stop(): Promise<void>;
}

/** An HTTP/1.1 answer's bytes: status line, headers (Content-Length added), body. */
export function answerBytes(body: string, headers: Record<string, string> = {}, status = '200 OK'): string {
  const all = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
  return `HTTP/1.1 ${status}\r\n${lines.join('')}\r\n${body}`;
}

/** Starts a raw target on loopback that reads GET requests (no bodies) and answers each through `respond`. */
export async function createRawTarget(receipts: number, respond: Respond): Promise<RawTarget> {
  let bodies = new Map<string, string>();
  const closed = new WeakSet<Socket>();
  const sockets = new Set<Socket>();
  let [requests, afterClose] = [0, 0];
  const server: Server = createServer((socket) => {
    let buffered = '';
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const path = buffered.slice(0, end).split(' ')[1] ?? '/';
        buffered = buffered.slice(end + 4);
        requests++;
        if (closed.has(socket)) afterClose++;
        else respond({ socket, path, body: bodies.get(path) ?? '{}', n: requests, closing: () => closed.add(socket) });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const list = bodiesAt(url, receipts);
  bodies = new Map(list);
  return {
    url,
    paths: list.map(([p]) => p),
    accountSid: JSON.parse(list[0][1]).account_sid as string,
    get requests() {
      return requests;
    },
    get afterClose() {
      return afterClose;
    },
    stop: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
