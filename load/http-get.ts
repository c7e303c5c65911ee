import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One whole answer: status, headers (names in lower case, repeated values joined) and the decoded body. */
export interface Answer { status: number; headers: Record<string, string>; text: string }
/** Bounds on one GET: total time (headers and body), body size after decompression, and the compression ratio. */
export interface GetLimits { timeoutMs: number; maxBodyBytes: number; maxRatio: number }

/** Why a GET gave no usable answer, in one line (timeout, refused connection, body too large, unknown encoding). */
export class GetError extends Error {
  override name = 'GetError';
}

// Decoders for what a server may send despite `Accept-Encoding: identity`; streamed, so the cap bites while inflating.
const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress,
};
// Below this many decoded bytes the ratio is not judged: small bodies compress well and are harmless.
const RATIO_FLOOR = 1 << 20;

/** Reads a body while counting it: wire bytes and decoded bytes, failing as soon as a bound is passed. */
function readBody(res: IncomingMessage, limits: GetLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decoder = encoding === 'identity' ? null : DECODERS[encoding];
    if (decoder === undefined) {
      const named = JSON.stringify(encoding.slice(0, 40));
      return reject(new GetError(`answered with Content-Encoding ${named}, which was not asked for`));
    }
    const source: Readable = decoder ? (res.pipe(decoder()) as unknown as Readable) : res;
    const chunks: Buffer[] = [];
    let wire = 0;
    let size = 0;
    const stop = (why: string): void => { res.destroy(); source.destroy(); reject(new GetError(why)); };
    res.on('data', (c: Buffer) => { wire += c.length; });
    if (decoder) res.on('error', (err) => stop(`answer cut off: ${err.message}`));
    source.on('data', (c: Buffer) => {
      size += c.length;
      const after = decoder ? ` (after ${encoding} decoding)` : '';
      if (size > limits.maxBodyBytes) return stop(`answered more than ${limits.maxBodyBytes} bytes${after}`);
      if (size > RATIO_FLOOR && size > wire * limits.maxRatio) {
        return stop(`answered a body compressed more than ${limits.maxRatio}:1 (a compression bomb?)`);
      }
      chunks.push(c);
    });
    source.on('error', (err) => {
      stop(decoder ? `answered a body that cannot be decoded (${encoding}): ${err.message}` : `cut off: ${err.message}`);
    });
    source.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Joins repeated header values, so every header reads as one string. */
function headersOf(res: IncomingMessage): Record<string, string> {
  const join = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(', ') : (v ?? ''));
  return Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, join(v)]));
}

/** GETs a URL over node:http(s) with the limits applied while reading; never follows a redirect, asks for identity. */
export function getBounded(url: string, headers: Record<string, string>, limits: GetLimits): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(u, { method: 'GET', headers: { ...headers, 'accept-encoding': 'identity' } });
    let settled = false;
    const finish = (err: Error | null, answer?: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (err) reject(err instanceof GetError ? err : new GetError(err.message));
      else resolve(answer!);
    };
    const late = (): void => finish(new GetError(`no complete answer within ${limits.timeoutMs} ms`));
    const timer = setTimeout(late, limits.timeoutMs);
    req.on('error', (err: Error & { code?: string }) => finish(new GetError(err.code ?? err.message)));
    req.on('response', (res) => {
      readBody(res, limits).then(
        (text) => finish(null, { status: res.statusCode ?? 0, headers: headersOf(res), text }),
        (err: Error) => finish(err),
      );
    });
    req.end();
  });
}
