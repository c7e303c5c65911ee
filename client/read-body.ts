import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Limits of one answer: whole-answer time, body bytes after decompression, and how far a body may inflate. */
export interface GetLimits {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Decoded bytes per wire byte, judged once the body passes RATIO_FLOOR (a gzip bomb stops in its first KB). */
  maxRatio: number;
}

/** Why no complete answer arrived, in one line (a client turns it into a failed response_complete). */
export class GetError extends Error {
  override name = 'GetError';
}

/** Below this many decoded bytes the ratio is not judged: a small JSON page compresses well, honestly. */
const RATIO_FLOOR = 64 * 1024;

/** Header values joined the way the checks read them (names are lower case already; repeated ones joined). */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A Content-Encoding as compared: trimmed, lower case, '' when absent. */
function codingOf(header: string | undefined): string {
  return String(header ?? '')
    .trim()
    .toLowerCase();
}

/** The decoder for a Content-Encoding, null for identity, or a GetError for one the client cannot read. */
function decoderOf(encoding: string): Transform | null {
  if (encoding === '' || encoding === 'identity') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  const name = JSON.stringify(encoding.slice(0, 40));
  throw new GetError(`Content-Encoding ${name} cannot be read (the client asked for identity)`);
}

/**
 * Reads a response body, decoded in its Content-Encoding (or as sent, `decode` false: the bytes a proxy forwards),
 * stopping as soon as a limit is passed: the size after decompression, the inflation ratio, a cut connection.
 */
export function readBody(res: IncomingMessage, limits: GetLimits, decode = true): Promise<Buffer> {
  const encoding = decode ? codingOf(res.headers['content-encoding']) : '';
  const declared = Number(res.headers['content-length']);
  if (!encoding && declared > limits.maxBodyBytes) {
    res.destroy();
    const why = `body of ${declared} bytes (Content-Length) exceeds the ${limits.maxBodyBytes}-byte limit`;
    return Promise.reject(new GetError(why));
  }
  return drain(res, encoding, limits, (cut) => {
    res.on('error', cut);
    res.on('close', () => {
      if (!res.complete) cut();
    });
  });
}

/** Decodes a body read whole (a proxy keeps the bytes it forwards), with readBody's limits and messages. */
export function decodeBody(raw: Buffer, contentEncoding: string | undefined, limits: GetLimits): Promise<Buffer> {
  return drain(Readable.from([raw]), codingOf(contentEncoding), limits, () => undefined);
}

/** Pipes a source through the decoder of `encoding`, counting wire and decoded bytes; resolves or rejects once. */
function drain(
  source: Readable,
  encoding: string,
  limits: GetLimits,
  watch: (cut: () => void) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let decoder: Transform | null;
    try {
      decoder = decoderOf(encoding);
    } catch (e) {
      source.destroy();
      return reject(e as Error);
    }
    const cap = limits.maxBodyBytes;
    const chunks: Buffer[] = [];
    let wire = 0,
      size = 0,
      over = false;
    const what = encoding ? `after ${encoding} decompression` : 'identity encoding';
    const stop = (e: Error): void => {
      over = true;
      source.destroy();
      decoder?.destroy();
      reject(e);
    };
    source.on('data', (d: Buffer) => (wire += d.length));
    const out = decoder ? source.pipe(decoder) : source;
    out.on('data', (d: Buffer) => {
      if (over) return;
      size += d.length;
      const read = `${size} bytes read from ${wire} on the wire, then stopped`;
      if (size > cap) return stop(new GetError(`body exceeds the ${cap}-byte limit (${what}; ${read})`));
      if (decoder && size > RATIO_FLOOR && size > wire * limits.maxRatio)
        return stop(new GetError(`body inflates more than ${limits.maxRatio}:1 (${encoding}: ${read})`));
      chunks.push(d);
    });
    out.on('error', (e: Error) => {
      if (!over) stop(new GetError(decoder ? `the ${encoding} body could not be decoded (${e.message})` : e.message));
    });
    watch(() => {
      if (!over) stop(new GetError(`the connection closed before the whole body arrived (${wire} bytes)`));
    });
    out.on('end', () => {
      if (over) return;
      over = true;
      resolve(Buffer.concat(chunks));
    });
  });
}
