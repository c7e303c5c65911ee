import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { contract } from '../spec/contract.js';
import type { Auth } from './auth.js';
import { errorReply } from './errors.js';
import type { Reply } from './fault-hooks.js';
import type { RateLimit } from './readings-limit.js';
import { headerList, type CachedReply, type ReplyCache } from './reply-cache.js';
import { route, type RouteCtx } from './routes.js';

/**
 * What answering needs besides the route context: the credentials check, the answer cache, responses held open, and
 * the rate limiter of the rate-limited readings (null when they are off: one test of a field, nothing more).
 */
export interface AnswerCtx extends RouteCtx {
  /** The path prefix the API is served under ('' for none): a request outside it is a 404. */
  basePath: string;
  auth: Auth;
  cache: ReplyCache;
  held: Set<ServerResponse>;
  limit: RateLimit | null;
}

const UNAUTHORIZED = { 'WWW-Authenticate': 'Basic realm="Twilio API"' };
const ALLOW = { Allow: 'GET' };

/**
 * The Authorization header, whether a body follows and whether a Host header came, from the raw list (cheaper than
 * materialising req.headers).
 */
export function scan(req: IncomingMessage): { authorization: string | undefined; body: boolean; host: boolean } {
  const raw = req.rawHeaders;
  let authorization: string | undefined,
    body = false,
    host = false;
  for (let i = 0; i < raw.length; i += 2) {
    const n = raw[i].length;
    if (n === 13 && raw[i].toLowerCase() === 'authorization') authorization ??= raw[i + 1];
    else if (n === 4 && raw[i].toLowerCase() === 'host') host = true;
    else if (n === 17 && raw[i].toLowerCase() === 'transfer-encoding') body = true;
    else if (n === 14 && raw[i].toLowerCase() === 'content-length' && raw[i + 1] !== '0') body = true;
  }
  return { authorization, body, host };
}

/** Answers one request synchronously: auth, cached answer, route, method, then the operation's handler. */
export function answer(ctx: AnswerCtx, req: IncomingMessage, authorization: string | undefined): Reply {
  const raw = req.url ?? '/';
  const url = ctx.basePath === '' ? raw : raw.startsWith(ctx.basePath + '/') ? raw.slice(ctx.basePath.length) : '';
  let account = ctx.auth.account(authorization);
  if (account < 0 && (ctx.fault.authOff || ctx.fault.acceptsAuth?.(authorization))) account = ctx.store.target.account;
  if (account < 0) return errorReply(ctx, 401, undefined, UNAUTHORIZED);
  if (url === '') return errorReply(ctx, 404); // outside the base path
  const refused = ctx.limit === null ? null : ctx.limit.refuse(ctx, url);
  if (refused) return refused;
  // an answer that depends on concurrency is never cached: a later request alone would get the crowded one
  const cacheable = req.method === 'GET' && !ctx.fault.crowded && ctx.cache.cacheable(url);
  const hit = cacheable ? ctx.cache.get(account, url) : undefined;
  if (hit && !ctx.fault.reply && !ctx.fault.transport) return hit;
  if (hit) return { status: hit.status, type: hit.type, body: hit.body, headers: hit.headers }; // a copy a fault may change
  const reply = routeRequest(ctx, account, req.method, url);
  if (cacheable) ctx.cache.set(account, url, reply);
  return reply;
}

/** Matches the path, checks the method and runs the operation's handler. */
function routeRequest(ctx: RouteCtx, account: number, method: string | undefined, url: string): Reply {
  const q = url.indexOf('?');
  const match = contract.paths.match(q < 0 ? url : url.slice(0, q));
  if (!match) return errorReply(ctx, 404);
  if (method !== 'GET') return errorReply(ctx, 405, undefined, ALLOW);
  return route(ctx, account, match.op, match.raw, q < 0 ? '' : url.slice(q + 1));
}

/** Writes an answer (after the fault's hooks); close: end the connection after it. */
export function writeReply(
  ctx: AnswerCtx,
  res: ServerResponse,
  reply: Reply,
  close: boolean,
  path: string,
  authorization?: string,
): void {
  ctx.fault.reply?.(reply, path, authorization);
  if (ctx.fault.transport?.(res, reply, ctx.held)) return;
  // a cached answer carries its header list, built once: a repeat builds nothing
  const cached = (reply as CachedReply).head;
  if (cached !== undefined && !close) return void res.writeHead(reply.status, cached as string[]).end(reply.body);
  const headers = headerList(reply);
  if (close) headers.push('Connection', 'close');
  res.writeHead(reply.status, headers).end(reply.body);
}

/** Writes a Twilio-shaped error straight to a socket that HTTP handling gave up on, then closes it. */
export function rawError(ctx: RouteCtx, socket: Socket, status: number, message?: string, headers = ''): void {
  if (!socket.writable) return void socket.destroy();
  const r = errorReply(ctx, status, message);
  ctx.fault.reply?.(r, '/');
  socket.end(
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status]}\r\nContent-Type: ${r.type}\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n${headers}Connection: close\r\n\r\n${String(r.body)}`,
  );
}

/** A request the HTTP parser gave up on (oversized headers, garbage, timeouts) still gets a Twilio-shaped 4xx. */
export function clientError(ctx: RouteCtx, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET') return void socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  rawError(ctx, socket, status, STATUS_CODES[status]);
}
