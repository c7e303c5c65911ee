import { contract } from '../spec/contract.js';
import { defineFaults, type Reply } from './fault-hooks.js';
import { deepen, echoInto, objectOf, tokenOf, widen, writeBomb } from './hostile-bodies.js';

/** A host that never resolves (RFC 2606 .invalid): a client that follows the redirect sends nothing anywhere. */
const FOREIGN_ORIGIN = 'http://foreign.invalid';
/** Padding of huge-body answers: shared, so a hostile answer costs no allocation. */
let padding: Buffer | null = null;
const PADDING_BYTES = 32 * 1024 * 1024;

const bodyOf = (r: Reply): Buffer => (typeof r.body === 'string' ? Buffer.from(r.body) : r.body);
/** The one request a 429-forever target still serves: the discovery list at the maximum PageSize. */
const DISCOVERY_QUERY = `?PageSize=${contract.paging.pageSize.max}`;
const TOO_MANY = JSON.stringify(contract.errors.example(429));

/** Echoes the request's credentials into an answer: receipt fields, links, a header, an error's message and more_info. */
function echo(r: Reply, authorization: string | undefined): void {
  if (!authorization) return;
  const token = tokenOf(authorization);
  r.headers = { ...r.headers, 'X-Echo-Authorization': authorization };
  const body = objectOf(r);
  if (!body) return;
  if (r.status === 200) echoInto(body, authorization, token);
  else {
    Object.assign(body, {
      message: `${String(body.message)} (token ${token})`,
      more_info: `${String(body.more_info)}?auth=${authorization}`,
    });
  }
  r.body = JSON.stringify(body);
}

/** Hostile targets: what a misbehaving server does to a client (the harness must fail clearly, never hang or leak). */
export const hostileFaults = defineFaults([
  {
    name: 'hang',
    breaks: 'a response ends: its whole body arrives',
    transport: (res, r, held) => {
      if (r.status !== 200) return false;
      const body = bodyOf(r);
      res
        .writeHead(200, { 'Content-Type': r.type, 'Content-Length': body.length })
        .write(body.subarray(0, body.length >> 1));
      held.add(res); // never ended; stop() cuts it
      res.on('close', () => held.delete(res));
      return true;
    },
  },
  {
    name: 'huge-body',
    breaks: 'a response has a sensible size (a page is not tens of megabytes)',
    transport: (res, r) => {
      if (r.status !== 200) return false;
      padding ??= Buffer.alloc(PADDING_BYTES, 0x20);
      const body = bodyOf(r);
      res.writeHead(200, { 'Content-Type': r.type, 'Content-Length': body.length + padding.length }).write(body);
      res.end(padding); // valid JSON followed by whitespace, too much of it
      return true;
    },
  },
  {
    name: 'redirect-foreign',
    breaks: 'an answer is served by the target, not redirected to another host',
    reply: (r, path) => {
      if (r.status === 200) {
        r.status = 302;
        r.headers = { ...r.headers, Location: FOREIGN_ORIGIN + path };
        r.body = '{}';
      }
    },
  },
  {
    name: 'close-connection',
    breaks: 'the server answers before it closes the connection',
    transport: (res, r) => {
      if (r.status !== 200) return false;
      res.socket?.destroy();
      return true;
    },
  },
  {
    name: 'echo-credentials',
    breaks: 'an answer never carries the credentials of the request',
    reply: (r, _path, authorization) => echo(r, authorization),
  },
  {
    name: 'gzip-bomb',
    breaks: 'a compressed body inflates to a sensible size (not 1 GiB from 1 MB)',
    transport: (res, r) => {
      if (r.status !== 200) return false;
      writeBomb(res, r);
      return true;
    },
  },
  {
    name: 'deep-body',
    breaks: 'a 200 body has the documented shape (not arrays nested 100 000 deep)',
    reply: (r) => {
      const body = r.status === 200 ? objectOf(r) : null;
      if (body) r.body = deepen(body);
    },
  },
  {
    name: 'wide-list',
    breaks: 'a page holds at most PageSize items (not 20 000)',
    reply: (r) => {
      const body = r.status === 200 ? objectOf(r) : null;
      if (body && Array.isArray(body[contract.paging.listKey])) r.body = widen(body);
    },
  },
  {
    name: '429-forever',
    breaks: 'a target that rate-limits lets a client through after Retry-After (not 429 forever, Retry-After: 999999)',
    reply: (r, path) => {
      if (path.endsWith(DISCOVERY_QUERY) && path.indexOf('?') === path.length - DISCOVERY_QUERY.length) return;
      Object.assign(r, { status: 429, body: TOO_MANY, headers: { 'Retry-After': '999999' } });
    },
  },
]);
