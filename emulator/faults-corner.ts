import { parseBasic } from '../client/basic-auth.js';
import { contract } from '../spec/contract.js';
import { errorReply } from './errors.js';
import { defineFaults, noFault, type Reply } from './fault-hooks.js';
import { BASE_PLAY } from './readings.js';
import { TOKEN_PREFIX } from './paging.js';

const { min, max } = contract.paging.pageSize;
/** A PageSize strictly inside the range that no fixed probe sends (they send the bounds and their neighbours). */
export const INNER_SIZE = min + Math.floor(((max - min) * 2) / 3);
/** The query parameters the spec documents for the list. */
const parameters = (contract.doc.components as { parameters: Record<string, { in: string; name: string }> }).parameters;
const QUERY_NAMES = new Set(
  Object.values(parameters)
    .filter((p) => p.in === 'query')
    .map((p) => p.name),
);

/** The query of a raw request path. */
const queryOf = (path: string): URLSearchParams =>
  new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');

/** Turns an answer into the emulator's 500. */
function fail500(r: Reply): void {
  const e = errorReply({ fault: noFault, play: BASE_PLAY }, 500);
  Object.assign(r, { status: e.status, type: e.type, body: e.body, headers: undefined });
}

/** True for a 200 list page with no items beyond page 0 (a Page past the last one). */
function pastEnd(r: Reply): boolean {
  try {
    const body = JSON.parse(String(r.body)) as { meta?: { page?: number } } & Record<string, unknown[]>;
    return (
      Array.isArray(body[contract.paging.listKey]) &&
      body[contract.paging.listKey].length === 0 &&
      (body.meta?.page ?? 0) > 0
    );
  } catch {
    return false;
  }
}

/** The offset an emulator PageToken carries (its first 6 bytes after the prefix, see paging.ts), or null. */
function tokenOffset(token: string | null): number | null {
  if (token === null || !token.startsWith(TOKEN_PREFIX)) return null;
  const raw = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url');
  return raw && raw.length >= 6 ? raw.readUIntBE(0, 6) : null;
}

/** An Authorization header of Basic `<SID-shaped user>:` with an empty token. */
function emptyToken(header: string | undefined): boolean {
  const basic = parseBasic(header);
  return basic?.password === '' && contract.sids.pattern('account_sid').test(basic.user);
}

/** Faults at corners no fixed probe reaches: each is found only by the generated phase (one per family of inputs). */
export const cornerFaults = defineFaults([
  {
    name: 'page-size-inner-500',
    breaks: `a PageSize inside ${min}..${max} is answered (not a 500 at ${INNER_SIZE})`,
    reply: (r, path) => {
      if (r.status === 200 && queryOf(path).get('PageSize') === String(INNER_SIZE)) fail500(r);
    },
  },
  {
    name: 'page-past-end-500',
    breaks: 'a Page past the last one gets an empty page or a 4xx, never a 5xx',
    reply: (r, path) => {
      if (r.status === 200 && queryOf(path).has('Page') && pastEnd(r)) fail500(r);
    },
  },
  {
    name: 'page-token-other-size-500',
    breaks: 'an issued PageToken sent with another PageSize gets a page or a 4xx, never a 5xx',
    reply: (r, path) => {
      const q = queryOf(path);
      const offset = tokenOffset(q.get('PageToken'));
      const size = Number(q.get('PageSize') ?? contract.paging.pageSize.default);
      if (r.status === 200 && offset !== null && size > 0 && offset % size !== 0) fail500(r);
    },
  },
  {
    name: 'query-unknown-500',
    breaks: 'an unknown query parameter is ignored or rejected, never a 5xx',
    reply: (r, path) => {
      if ([...queryOf(path).keys()].some((k) => !QUERY_NAMES.has(k))) fail500(r);
    },
  },
  {
    name: 'fetch-other-message',
    breaks: "fetch answers only a receipt of the path's message (not another message's)",
    loose: 'fetch',
  },
  { name: 'auth-empty-token', breaks: 'a Basic header with an empty auth token gets 401', acceptsAuth: emptyToken },
]);
