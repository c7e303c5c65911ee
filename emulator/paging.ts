import { createHmac, randomBytes } from 'node:crypto';
import { contract } from '../spec/contract.js';
import type { Fault, PageCtx, PageMeta } from './fault-hooks.js';
import type { Play } from './readings.js';

/** A list request's paging, resolved to an offset. */
export interface PageRequest {
  /** The size served: how many items a page holds and how far apart pages are. */
  size: number;
  /** The PageSize asked for (the default when absent). */
  asked: number;
  /** The size meta.page_size and the links spell: the size served, or the size asked for where the play echoes it. */
  shown: number;
  page: number;
  offset: number;
  token: string | null;
}

/** Every PageToken starts so (OBSERVED.md: Twilio's tokens are opaque and PT-prefixed); the rest is base64url. */
export const TOKEN_PREFIX = 'PT';
const MAC_BYTES = 12;
/** Characters of a token: the prefix and the base64url of a 10-byte payload plus its MAC. */
const TOKEN_CHARS = TOKEN_PREFIX.length + Math.ceil(((10 + MAC_BYTES) * 4) / 3);
const MAX_PAGE = 2 ** 31 - 1;
const INTEGER = /^-?\d{1,10}$/;
/** Offsets beyond this are refused, so that every link offset fits the token's 48 bits. */
const MAX_OFFSET = 2 ** 46;

/** Decodes one query component; null for bad percent-encoding. */
function decode(text: string): string | null {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Reads PageSize, Page and PageToken from a raw query string (unknown names ignored; repeats refused). */
export function readQuery(query: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  if (query === '') return out;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (name === null || value === null) return 'The query string has invalid percent-encoding';
    if (name !== 'PageSize' && name !== 'Page' && name !== 'PageToken') continue;
    if (name in out) return `${name} is given more than once`;
    out[name] = value;
  }
  return out;
}

/** Which links carry a token, by spelling: every link of a later page (and page 0's next), none, or links past page 0. */
const TOKENED: Record<Play['links'], (from: number, offset: number) => boolean> = {
  every: (from, offset) => from > 0 || offset > 0,
  none: () => false,
  ahead: (_from, offset) => offset > 0,
};

/** The size a clamping server serves for an asked PageSize: at most the maximum; below the minimum, null (a 400). */
export function clampPageSize(asked: number): number | null {
  const { min, max } = contract.paging.pageSize;
  return asked < min ? null : Math.min(asked, max);
}

/** Server-issued page tokens (HMAC'd offset bound to one message) and the meta of list pages, spelled as played. */
export class Paging {
  /** The page size served for an asked one (null: 400), resolved once from the fault and the play. */
  private readonly sizeOf: (asked: number) => number | null;
  /** Whether a link from the page at one offset to the page at another carries a token. */
  private readonly tokened: (from: number, offset: number) => boolean;

  constructor(
    private readonly fault: Fault,
    private readonly play: Play,
    private readonly key: Buffer = randomBytes(32),
  ) {
    const { min, max } = contract.paging.pageSize;
    const strict = (n: number): number | null => (n < min || n > max ? null : n);
    this.sizeOf = fault.pageSize?.bind(fault) ?? (play.clamp ? clampPageSize : strict);
    this.tokened = TOKENED[play.links];
  }

  /** An opaque token for an offset in a message's list. */
  token(message: number, offset: number): string {
    const payload = Buffer.alloc(10);
    payload.writeUIntBE(offset, 0, 6);
    payload.writeUInt32BE(message, 6);
    const mac = createHmac('sha256', this.key).update(payload).digest().subarray(0, MAC_BYTES);
    return TOKEN_PREFIX + Buffer.concat([payload, mac]).toString('base64url');
  }

  /** The offset a token carries for this message, or -1 if the server did not issue it for this message. */
  offsetOf(message: number, token: string): number {
    const ours = token.length === TOKEN_CHARS && token.startsWith(TOKEN_PREFIX);
    const raw = ours ? Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url') : null;
    if (!raw || raw.length !== 10 + MAC_BYTES || raw.readUInt32BE(6) !== message) return -1;
    const offset = raw.readUIntBE(0, 6);
    return this.token(message, offset) === token ? offset : -1;
  }

  /** Resolves PageSize/Page/PageToken; a string is the 400 message. */
  request(query: Record<string, string>, message: number): PageRequest | string {
    const { min, max, default: dflt } = contract.paging.pageSize;
    const sizeText = query.PageSize;
    const asked = sizeText === undefined ? dflt : INTEGER.test(sizeText) ? Number(sizeText) : NaN;
    const size = Number.isNaN(asked) ? null : this.sizeOf(asked);
    if (size === null) return `PageSize must be an integer from ${min} to ${max}`;
    const pageText = query.Page;
    const page =
      pageText === undefined
        ? null
        : /^\d{1,10}$/.test(pageText) && Number(pageText) <= MAX_PAGE
          ? Number(pageText)
          : NaN;
    if (Number.isNaN(page)) return `Page must be an integer from 0 to ${MAX_PAGE}`;
    const token = query.PageToken ?? null;
    const offset = token === null ? (page ?? 0) * size : this.offsetOf(message, token);
    if (offset < 0) return 'PageToken is not one this server issued for this list';
    if (offset > MAX_OFFSET) return 'Page is beyond the last page';
    const shown = this.play.echo ? asked : size;
    return { size, asked, shown, page: page ?? Math.floor(offset / size), offset, token };
  }

  /** A link to a page at an offset, spelled as the play says (twilio-links: a token in every link of a later page). */
  private link(head: string, message: number, from: number, page: number, offset: number): string {
    return this.tokened(from, offset) ? `${head}${page}&PageToken=${this.token(message, offset)}` : head + page;
  }

  /** meta.url: page 0's carries no token even when a token led there; the base spelling echoes the request's token. */
  private self(head: string, req: PageRequest, message: number): string {
    if (this.play.links !== 'ahead') return this.link(head, message, req.offset, req.page, req.offset);
    return req.token ? `${head}${req.page}&PageToken=${req.token}` : head + req.page;
  }

  /** The meta of a page: absolute links at the public origin; previous null on the first page, next null on the last. */
  meta(req: PageRequest, count: number, base: string, message: number): PageMeta {
    const { size, page, offset } = req;
    // Page numbers count pages of the size served, whatever PageSize the links spell (an echoed one may be larger).
    const head = `${base}?PageSize=${req.shown}&Page=`;
    const link = (p: number, o: number): string => this.link(head, message, offset, p, o);
    const meta: PageMeta = {
      page,
      page_size: req.shown,
      first_page_url: head + 0,
      previous_page_url: offset > 0 ? link(Math.max(page - 1, 0), Math.max(offset - size, 0)) : null,
      url: this.self(head, req, message),
      next_page_url: offset + size < count ? link(page + 1, offset + size) : null,
      key: contract.paging.listKey,
    };
    const ctx: PageCtx = { size, asked: req.asked, page, offset, count, link };
    this.fault.page?.(meta, ctx);
    return meta;
  }
}
