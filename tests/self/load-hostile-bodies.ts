import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBasic } from '../../client/basic-auth.js';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

/** Issue 14's targets: echoed credentials, compression bombs, deep JSON, foreign links, page loops. */
export type HostileMode =
  | 'echo-200'
  | 'gzip-bomb'
  | 'deflate-bomb'
  | 'br-bomb'
  | 'deep-body'
  | 'deep-extra'
  | 'foreign-links'
  | 'loop'
  | 'page-stuck'
  | 'other-receipt';

/** What a hostile answer works from: the request, the normal answer, the stub's origin and the operation. */
export interface Scene {
  req: IncomingMessage;
  res: ServerResponse;
  body: Record<string, unknown>;
  origin: string;
  list: boolean;
}

/** How deep the deep bodies nest: far past any recursive walker's stack. */
export const DEPTH = 100_000;
const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const FOREIGN = 'https://evil.test';
const json = { 'content-type': 'application/json' };

let bombs: Record<'gzip' | 'deflate' | 'br', Buffer> | undefined;
/** Compression bombs, built once: 1 GiB of zeros as 1024 gzip members (about 1 MB), 32 MiB as deflate and br. */
export function bomb(kind: 'gzip' | 'deflate' | 'br'): Buffer {
  if (!bombs) {
    const member = gzipSync(Buffer.alloc(1 << 20));
    const zeros = Buffer.alloc(32 << 20);
    bombs = {
      gzip: Buffer.concat(Array.from({ length: 1024 }, () => member)),
      deflate: deflateSync(zeros),
      br: brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
    };
  }
  return bombs[kind];
}

/** The credentials a request carried, decoded from its Basic header: what an echoing debug mock would write back. */
function echoed(req: IncomingMessage): { header: string; token: string; pair: string } {
  const header = req.headers.authorization ?? '';
  const basic = parseBasic(header);
  return { header, token: basic?.password ?? '', pair: basic ? `${basic.user}:${basic.password}` : '' };
}

/** A 200 receipt carrying the credentials in five fields and every encoding, and in its Content-Type header. */
function echoReceipt(s: Scene): void {
  const { header, token, pair } = echoed(s.req);
  const b64 = Buffer.from(pair).toString('base64');
  const body = {
    ...s.body,
    participant_sid: header,
    channel_message_sid: token,
    date_updated: Buffer.from(pair).toString('base64url'),
    error_code: Buffer.from(token).toString('base64'),
    url: `${FOREIGN}/${encodeURIComponent(b64)}/${encodeURIComponent(pair)}/${b64.replace(/=+$/, '')}`,
  };
  s.res.writeHead(200, { 'content-type': `text/plain; t=${token}` }).end(JSON.stringify(body));
}

/** Rewrites a page's meta (links, page number) before it is sent. */
function withMeta(s: Scene, change: (meta: Record<string, unknown>) => void): void {
  const meta = { ...(s.body.meta as Record<string, unknown>) };
  change(meta);
  s.res.writeHead(200, json).end(JSON.stringify({ ...s.body, meta }));
}

const foreign = (link: unknown): unknown => {
  if (typeof link !== 'string') return link;
  const u = new URL(link);
  return FOREIGN + u.pathname + u.search;
};
const LINKS = ['first_page_url', 'previous_page_url', 'url', 'next_page_url'];
/** The list path of a page's own url, at its size: where a walk starts. */
const startOf = (s: Scene, m: Record<string, unknown>): string =>
  `${s.origin}${new URL(String(m.url)).pathname}?PageSize=${String(m.page_size)}`;
/** Another receipt's SID of the same shape: the same prefix, another number. */
const otherSid = (sid: unknown): string => String(sid).slice(0, 2) + 'f'.repeat(String(sid).length - 2);

/** Answers in a hostile mode; false when this mode leaves this request to the normal answer. */
export function hostileAnswer(mode: string, s: Scene): boolean {
  const { res, list } = s;
  switch (mode) {
    case 'echo-200':
      if (list) return false;
      echoReceipt(s);
      return true;
    case 'gzip-bomb':
    case 'deflate-bomb':
    case 'br-bomb': {
      if (!list) return false;
      const kind = mode.replace('-bomb', '') as 'gzip' | 'deflate' | 'br';
      res.writeHead(200, { ...json, 'content-encoding': kind }).end(bomb(kind));
      return true;
    }
    case 'deep-body':
      res.writeHead(200, json).end(list ? deep : `{"sid":${deep}}`);
      return true;
    case 'deep-extra':
      res.writeHead(200, json).end(`{"deep_extra":${deep},${JSON.stringify(s.body).slice(1)}`);
      return true;
    case 'foreign-links':
      if (!list) s.res.writeHead(200, json).end(JSON.stringify({ ...s.body, url: foreign(s.body.url) }));
      else
        withMeta(s, (m) => {
          for (const k of LINKS) m[k] = foreign(m[k]);
        });
      return true;
    case 'loop': // page 1 leads back to the very first request
      if (!list) return false;
      withMeta(s, (m) => {
        if (m.page === 1) m.next_page_url = startOf(s, m);
      });
      return true;
    case 'other-receipt': // another receipt of the same message: valid alone, wrong for the request
      if (list) return false;
      res.writeHead(200, json).end(JSON.stringify({ ...s.body, sid: otherSid(s.body.sid) }));
      return true;
    case 'page-stuck':
      if (!list) return false;
      withMeta(s, (m) => {
        m.page = 0;
      });
      return true;
    default:
      return false;
  }
}
