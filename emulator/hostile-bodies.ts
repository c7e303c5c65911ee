import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { parseBasic } from '../client/basic-auth.js';
import { contract } from '../spec/contract.js';
import type { Reply } from './fault-hooks.js';

type Json = Record<string, unknown>;

/** Nesting of the deep-body fault: far past any recursive parser's or serializer's stack. */
export const DEEP = 100_000;
/** Items of the wide-list fault: tiny, so the page stays under the body cap. */
export const WIDE = 20_000;
/** Inflated size of the gzip bomb: 1 GiB of JSON whitespace after a valid page. */
const BOMB_MEMBERS = 1024;
const MEMBER_BYTES = 1 << 20;

/** A reply body as text. */
export const textOf = (r: Reply): string => (typeof r.body === 'string' ? r.body : r.body.toString('utf8'));

/** The body of a JSON answer as an object, or null (not JSON, or not an object). */
export function objectOf(r: Reply): Json | null {
  try {
    const v = JSON.parse(textOf(r)) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

/** The token inside a Basic Authorization header ('' when there is none). */
export function tokenOf(authorization: string | undefined): string {
  return parseBasic(authorization)?.password ?? '';
}

/** Writes the credentials of the request into a 200 answer: receipt fields, receipt urls and page links. */
export function echoInto(body: Json, authorization: string, token: string): void {
  const items = Array.isArray(body[contract.paging.listKey]) ? (body[contract.paging.listKey] as Json[]) : [body];
  for (const r of items) {
    r.participant_sid = authorization; // a debugging mock that echoes the request does this
    r.channel_message_sid = token;
    if (typeof r.url === 'string') r.url += `?auth=${encodeURIComponent(authorization)}`;
  }
  const meta = body.meta as Json | undefined;
  if (meta && typeof meta.url === 'string') meta.url += `&token=${encodeURIComponent(token)}`;
  if (meta && typeof meta.first_page_url === 'string') {
    meta.first_page_url += `&auth=${encodeURIComponent(authorization)}`;
  }
}

/** The first two fields of a 200 body replaced by arrays nested DEEP levels (each 200 KB of text). */
export function deepen(body: Json): string {
  const mark = '\u0000deep\u0000';
  for (const k of Object.keys(body).slice(0, 2)) body[k] = mark;
  const nested = '['.repeat(DEEP) + ']'.repeat(DEEP);
  return JSON.stringify(body).split(JSON.stringify(mark)).join(nested);
}

/** A list body whose items are WIDE tiny objects (each with a sid, so the page counts them). */
export function widen(body: Json): string {
  const mark = '\u0000wide\u0000';
  body[contract.paging.listKey] = mark;
  const items = '[' + new Array<string>(WIDE).fill('{"sid":"x"}').join(',') + ']';
  return JSON.stringify(body).replace(JSON.stringify(mark), items);
}

let member: Buffer | null = null;

/** Writes a 200 as a gzip bomb: the page, then 1 GiB of whitespace in gzip members of 1 MiB (1 MB on the wire). */
export function writeBomb(res: ServerResponse, r: Reply): void {
  member ??= gzipSync(Buffer.alloc(MEMBER_BYTES, 0x20), { level: 9 });
  const bomb = member;
  res.writeHead(200, { 'Content-Type': r.type, 'Content-Encoding': 'gzip' }).write(gzipSync(textOf(r)));
  let sent = 0;
  const more = (): void => {
    while (sent < BOMB_MEMBERS && !res.destroyed) {
      sent++;
      if (!res.write(bomb)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}
