import { defineFaults, type Reply } from './fault.js';

/** A host that never resolves (RFC 2606 .invalid): a client that follows the redirect sends nothing anywhere. */
const FOREIGN_ORIGIN = 'http://foreign.invalid';
/** Padding of huge-body answers: shared, so a hostile answer costs no allocation. */
let padding: Buffer | null = null;
const PADDING_BYTES = 32 * 1024 * 1024;

const bodyOf = (r: Reply): Buffer => (typeof r.body === 'string' ? Buffer.from(r.body) : r.body);

/** Hostile targets: what a misbehaving server does to a client (the harness must fail clearly, never hang or leak). */
export const hostileFaults = defineFaults([
  {
    name: 'hang', breaks: 'a response ends: its whole body arrives',
    transport: (res, r, held) => {
      if (r.status !== 200) return false;
      const body = bodyOf(r);
      res.writeHead(200, { 'Content-Type': r.type, 'Content-Length': body.length }).write(body.subarray(0, body.length >> 1));
      held.add(res); // never ended; stop() cuts it
      res.on('close', () => held.delete(res));
      return true;
    },
  },
  {
    name: 'huge-body', breaks: 'a response has a sensible size (a page is not tens of megabytes)',
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
    name: 'redirect-foreign', breaks: 'an answer is served by the target, not redirected to another host',
    reply: (r, path) => { if (r.status === 200) { r.status = 302; r.headers = { ...r.headers, Location: FOREIGN_ORIGIN + path }; r.body = '{}'; } },
  },
  {
    name: 'close-connection', breaks: 'the server answers before it closes the connection',
    transport: (res, r) => {
      if (r.status !== 200) return false;
      res.socket?.destroy();
      return true;
    },
  },
]);
