import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { contract } from '../spec/contract.js';
import { Auth } from './auth.js';
import { loadDataset } from './dataset.js';
import { errorReply } from './errors.js';
import type { Reply } from './fault.js';
import { checkOptions, type EmulatorOptions } from './options.js';
import { Paging } from './paging.js';
import { ReceiptRender } from './receipt-render.js';
import { ReplyCache } from './reply-cache.js';
import { route, type RouteCtx } from './routes.js';
import type { Store } from './store.js';

export type { EmulatorOptions } from './options.js';
export type { FaultName } from './faults.js';

/** The TARGET_* settings that point a client at this emulator. */
export interface Target { url: string; publicUrl: string; accountSid: string; authToken: string; serviceSid: string; conversationSid: string; messageSid: string }
/** A running emulator. */
export interface Emulator { url: string; publicUrl: string; target: Target; store: Store; stop(): Promise<void> }

const UNAUTHORIZED = { 'WWW-Authenticate': 'Basic realm="Twilio API"' };
const ALLOW = { Allow: 'GET' };
/** Header bytes accepted per request (request line included); more gets a Twilio-shaped 431. */
const MAX_HEADER_BYTES = 16 * 1024;

/** The Authorization header and whether a body follows, from the raw list (cheaper than materialising req.headers). */
function scan(req: IncomingMessage): { authorization: string | undefined; body: boolean } {
  const raw = req.rawHeaders;
  let authorization: string | undefined, body = false;
  for (let i = 0; i < raw.length; i += 2) {
    const n = raw[i].length;
    if (n === 13 && raw[i].toLowerCase() === 'authorization') authorization ??= raw[i + 1];
    else if (n === 17 && raw[i].toLowerCase() === 'transfer-encoding') body = true;
    else if (n === 14 && raw[i].toLowerCase() === 'content-length' && raw[i + 1] !== '0') body = true;
  }
  return { authorization, body };
}

/** Answers one request synchronously: auth, cached answer, route, method, then the handler. */
function answer(ctx: RouteCtx, auth: Auth, cache: ReplyCache, req: IncomingMessage, authorization: string | undefined): Reply {
  const url = req.url ?? '/';
  let account = auth.account(authorization);
  if (account < 0 && ctx.fault.authOff) account = ctx.store.target.account;
  if (account < 0) return errorReply(ctx.fault, 401, undefined, UNAUTHORIZED);
  const cacheable = req.method === 'GET' && cache.cacheable(url);
  const hit = cacheable ? cache.get(account, url) : undefined;
  if (hit && !ctx.fault.reply && !ctx.fault.transport) return hit;
  if (hit) return { status: hit.status, type: hit.type, body: hit.body, headers: hit.headers }; // a copy a fault may change
  const reply = route0(ctx, account, req.method, url);
  if (cacheable) cache.set(account, url, reply);
  return reply;
}

/** Matches the path, checks the method and runs the operation's handler. */
function route0(ctx: RouteCtx, account: number, method: string | undefined, url: string): Reply {
  const q = url.indexOf('?');
  const match = contract.matchPath(q < 0 ? url : url.slice(0, q));
  if (!match) return errorReply(ctx.fault, 404);
  if (method !== 'GET') return errorReply(ctx.fault, 405, undefined, ALLOW);
  return route(ctx, account, match.op, match.raw, q < 0 ? '' : url.slice(q + 1));
}

/** The target settings of a store's advertised message. */
function targetOf(store: Store, url: string, publicUrl: string): Target {
  const t = store.target;
  const account = store.accounts[t.account];
  const target = {
    url, publicUrl, accountSid: account.sid, serviceSid: store.services[t.service].sid,
    conversationSid: store.conversations.sids.sid(t.conversation), messageSid: store.messages.sids.sid(t.message),
  } as Target;
  // not enumerable: printing or serialising the target never shows the token
  Object.defineProperty(target, 'authToken', { value: account.token, enumerable: false });
  return Object.freeze(target);
}

/** Writes a Twilio-shaped error straight to a socket that HTTP handling gave up on, then closes it. */
function rawError(ctx: RouteCtx, socket: Socket, status: number, message?: string, headers = ''): void {
  if (!socket.writable) return void socket.destroy();
  const r = errorReply(ctx.fault, status, message);
  ctx.fault.reply?.(r, '/');
  socket.end(`HTTP/1.1 ${r.status} ${STATUS_CODES[r.status]}\r\nContent-Type: ${r.type}\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n${headers}Connection: close\r\n\r\n${String(r.body)}`);
}

/** A request the HTTP parser gave up on (oversized headers, garbage, timeouts) still gets a Twilio-shaped 4xx. */
function clientError(ctx: RouteCtx, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET') return void socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  rawError(ctx, socket, status, STATUS_CODES[status]);
}

/** Starts an emulator on loopback (port 0: any free port); resolves when it listens. */
export async function create(options: EmulatorOptions = {}): Promise<Emulator> {
  const o = checkOptions(options);
  const store = loadDataset(o.dataset);
  const auth = new Auth(store.accounts);
  const ctx: RouteCtx = { store, fault: o.fault, origin: '', paging: new Paging(o.fault), render: null as unknown as ReceiptRender };
  const cache = new ReplyCache(o.cache ? undefined : 0);
  const delay = o.latency + (o.fault.delayMs ?? 0);
  let stopping = false;
  const held = new Set<ServerResponse>();
  const send = (res: ServerResponse, reply: Reply, close: boolean, path: string): void => {
    ctx.fault.reply?.(reply, path);
    if (ctx.fault.transport?.(res, reply, held)) return;
    const length = (reply as { length?: string }).length ?? String(typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.length);
    const headers: string[] = ['Content-Type', reply.type, 'Content-Length', length];
    if (reply.headers) for (const [k, v] of Object.entries(reply.headers)) headers.push(k, v);
    if (close || stopping) headers.push('Connection', 'close');
    res.writeHead(reply.status, headers).end(reply.body);
  };
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
    // a body is never read: the connection closes after the answer, so an endless body cannot hold it
    const { authorization, body: close } = scan(req);
    const reply = answer(ctx, auth, cache, req, authorization);
    if (delay > 0) setTimeout(() => send(res, reply, close, req.url ?? '/'), delay);
    else send(res, reply, close, req.url ?? '/');
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => clientError(ctx, err, socket));
  // CONNECT and Upgrade bypass the request handler; without these Node would drop the connection unanswered
  server.on('connect', (_req: IncomingMessage, socket: Socket) => rawError(ctx, socket, 405, undefined, 'Allow: GET\r\n'));
  server.on('upgrade', (_req: IncomingMessage, socket: Socket) => rawError(ctx, socket, 405, undefined, 'Allow: GET\r\n'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  ctx.origin = o.publicUrl ?? url;
  ctx.render = new ReceiptRender(store, ctx.origin, o.fault, o.cache ? undefined : 0);
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopped ??= new Promise<void>((resolve) => {
    stopping = true;
    server.close(() => resolve());
    server.closeIdleConnections();
    for (const res of held) res.socket?.destroy(); // answers a hostile fault left open
    setTimeout(() => server.closeAllConnections(), 5_000).unref(); // in-flight answers get 5 s to finish
  }));
  return { url, publicUrl: ctx.origin, target: targetOf(store, url, ctx.origin), store, stop };
}
