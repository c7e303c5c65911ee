import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { baseOf } from '../spec/links.js';
import { readBody, type GetLimits } from '../client/read-body.js';

/** Headers of one connection only (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/** A complete answer from the target, as received. */
export interface UpstreamAnswer {
  status: number;
  /** Header names and values as received (case kept), hop-by-hop ones removed. */
  rawHeaders: [string, string][];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What to send upstream: the client's request line and headers, and its body stream. */
export interface UpstreamRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

/** The client's headers for the target: hop-by-hop removed, identity encoding asked so bodies can be judged. */
function forwardHeaders(headers: IncomingHttpHeaders, target: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  out.host = target.host;
  out['accept-encoding'] = 'identity';
  return out;
}

/** Pairs of a raw header list, hop-by-hop removed. */
function answerHeaders(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i].toLowerCase())) out.push([raw[i], raw[i + 1]]);
  return out;
}

/** Forwards one request to the target and reads its whole answer (bounded, timed); rejects with a one-line reason. */
export function forward(target: URL, req: UpstreamRequest, limits: GetLimits): Promise<UpstreamAnswer> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const out = send(baseOf(target.href) + req.path, {
      method: req.method,
      headers: forwardHeaders(req.headers, target),
    });
    const timer = setTimeout(
      () => out.destroy(new Error(`the target did not answer within ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    const fail = (e: Error): void => {
      clearTimeout(timer);
      reject(new Error(describe(e)));
    };
    out.on('error', fail);
    out.on('response', (res) => {
      // the bytes as sent, bounded: the client gets them unchanged; they are decoded apart to be judged
      readBody(res, limits, false).then(
        (body) => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            rawHeaders: answerHeaders(res.rawHeaders),
            headers: res.headers,
            body,
          });
        },
        (e: Error) => {
          out.destroy();
          fail(e);
        },
      );
    });
    req.body.pipe(out);
  });
}

/** One line about a transport failure. */
function describe(e: NodeJS.ErrnoException): string {
  if (e.code === 'ECONNREFUSED') return 'the target refused the connection';
  if (e.code === 'ECONNRESET' || e.message === 'socket hang up')
    return 'the target closed the connection before answering';
  return e.message.split('\n')[0];
}
