// Test helper of the hostile-input tests: one raw HTTP/1.1 exchange over a socket, bytes exactly as given, with a time limit.
import { connect } from 'node:net';

/** What came back: the status (0: none), headers (lower-case names), body, and whether the time limit ended it. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  timedOut: boolean;
}

/** Sends raw request bytes (the caller writes Connection: close) and reads until the server closes or the limit passes. */
export function rawExchange(
  url: string,
  request: string | Buffer,
  limitMs = 5_000,
  halfClose = false,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname);
    let done = false;
    const finish = (timedOut: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(Buffer.concat(chunks).toString('latin1')), timedOut });
    };
    const timer = setTimeout(() => finish(true), limitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false)); // a reset after the answer (an unread body) still keeps what was read
    socket.write(request, () => {
      if (halfClose) socket.end();
    });
  });
}

/** Splits a raw answer into status, headers and body (the first answer only). */
function parse(text: string): Omit<RawAnswer, 'timedOut'> {
  const end = text.indexOf('\r\n\r\n');
  if (!text.startsWith('HTTP/1.1 ') || end < 0) return { status: 0, headers: {}, body: text };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  const length = Number(headers['content-length'] ?? NaN);
  const rest = text.slice(end + 4);
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: Number.isNaN(length) ? rest : Buffer.from(rest, 'latin1').subarray(0, length).toString('utf8'),
  };
}

/** A GET-like request as raw bytes, closing the connection after the answer. */
export function rawRequest(method: string, path: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${lines}\r\n`;
}
