import type { IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** Reads a whole body up to `cap` bytes; rejects (and stops reading) beyond it. */
export function readBounded(stream: IncomingMessage, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        reject(new Error(`body exceeds the ${cap}-byte limit`)); // first: destroying emits 'aborted'
        return void stream.destroy();
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(new Error('connection closed before the body ended')));
  });
}

/** The decoded text of a body in its Content-Encoding, bounded after decompression (a zip bomb stops at `cap`). */
export function decodeBody(raw: Buffer, encoding: string | undefined, cap: number): string {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  const opts = { maxOutputLength: cap };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(raw, opts).toString('utf8');
    if (coding === 'deflate') return inflateSync(raw, opts).toString('utf8');
    if (coding === 'br') return brotliDecompressSync(raw, opts).toString('utf8');
  } catch (e) {
    const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
    throw new Error(tooBig ? `body exceeds the ${cap}-byte limit after decompression` : `body is not valid ${coding}`);
  }
  if (coding !== 'identity') throw new Error(`body has an unknown Content-Encoding ${JSON.stringify(coding)}`);
  return raw.toString('utf8');
}
