import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contract } from '../../spec/contract.js';
import type { Target } from '../../client/settings.js';
import { hostileAnswer, type HostileMode } from './load-hostile-bodies.js';

/** How the stub misbehaves: the hostile targets the load tool must survive (issue 5 part 4), or 'ok'. */
export type StubMode =
  | 'ok'
  | 'invalid-json'
  | 'wrong-type'
  | 'slow'
  | 'rate-limited'
  | 'never-ends'
  | 'huge-body'
  | 'endless-body'
  | 'closes'
  | 'server-error'
  | 'redirect'
  | 'echo-auth'
  | HostileMode;
/** Tuning: answer the first `okRequests` normally before a 'rate-limited' stub starts, and its Retry-After value. */
export interface StubOptions {
  okRequests?: number;
  retryAfter?: string;
}

const RECEIPTS = 120;
const example = (contract.doc.components as { examples: Record<string, { value: Record<string, unknown> }> }).examples
  .ServiceReceipt.value;
const hex = (n: number): string => n.toString(16).padStart(32, '0');
const ids = { ChatServiceSid: `IS${hex(1)}`, ConversationSid: `CH${hex(2)}`, MessageSid: `IM${hex(3)}` };

/** Streams 1 MB chunks until the client goes away. */
function endless(res: ServerResponse): void {
  const chunk = Buffer.alloc(1 << 20, 32);
  const more = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', more);
  };
  more();
}

/** A small node:http stand-in for a receipt API (one message, 120 receipts), with hostile modes; not the emulator. */
export async function createStub(mode: StubMode = 'ok', opts: StubOptions = {}): Promise<Stub> {
  let origin = '';
  let requests = 0;
  const receipt = (i: number): Record<string, unknown> => {
    const r = {
      ...example,
      account_sid: `AC${hex(9)}`,
      chat_service_sid: ids.ChatServiceSid,
      conversation_sid: ids.ConversationSid,
      message_sid: ids.MessageSid,
      sid: `DY${hex(i)}`,
    };
    return { ...r, url: contract.paths.receiptUrl(origin, r, 'service') };
  };
  const page = (size: number, n: number, path: string): unknown => {
    const last = Math.ceil(RECEIPTS / size) - 1;
    const at = (p: number): string => `${origin}${path}?PageSize=${size}&Page=${p}`;
    const items = Array.from({ length: Math.max(0, Math.min(size, RECEIPTS - n * size)) }, (_, k) =>
      receipt(n * size + k),
    );
    return {
      [contract.paging.listKey]: items,
      meta: {
        page: n,
        page_size: size,
        first_page_url: at(0),
        previous_page_url: n > 0 ? at(n - 1) : null,
        url: at(n),
        next_page_url: n < last ? at(n + 1) : null,
        key: contract.paging.listKey,
      },
    };
  };
  const answer = (
    mode: StubMode,
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
    list: boolean,
  ): void => {
    if (hostileAnswer(mode, { req, res, body, origin, list })) return;
    const text = JSON.stringify(body);
    if (mode === 'slow') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(text), 120);
      return;
    }
    if (mode === 'invalid-json')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(text.slice(0, -5));
    if (mode === 'wrong-type') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>ok</html>');
    if (mode === 'rate-limited')
      return void res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': opts.retryAfter ?? '1' })
        .end(JSON.stringify(contract.errors.example(429)));
    if (mode === 'never-ends') return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"sid":');
    if (mode === 'huge-body')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(4 << 20, 32));
    if (mode === 'endless-body') return void endless(res.writeHead(200, { 'content-type': 'application/json' }));
    if (mode === 'closes') return void res.socket?.destroy();
    if (mode === 'server-error')
      return void res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>');
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  };
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', origin);
    // a 'rate-limited' stub may answer its first requests (discovery) normally
    requests++;
    const now: StubMode = mode === 'rate-limited' && requests <= (opts.okRequests ?? 0) ? 'ok' : mode;
    if (now === 'redirect') return void res.writeHead(302, { location: `http://127.0.0.2:9${req.url}` }).end();
    if (now === 'echo-auth')
      return void res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `bad credentials: ${req.headers.authorization}` }));
    const m = contract.paths.match(u.pathname);
    if (!m)
      return void res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify(contract.errors.example(404)));
    const list = m.op.name === 'list';
    const body = list
      ? page(Number(u.searchParams.get('PageSize') ?? 50), Number(u.searchParams.get('Page') ?? 0), u.pathname)
      : receipt(parseInt(m.raw.Sid.slice(2), 16));
    answer(now, req, res, body as Record<string, unknown>, list);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = {
    url: origin,
    publicUrl: origin,
    accountSid: `AC${hex(9)}`,
    authToken: 'stub-token-0123456789',
    serviceSid: ids.ChatServiceSid,
    conversationSid: ids.ConversationSid,
    messageSid: ids.MessageSid,
  };
  return {
    url: origin,
    target,
    get requests() {
      return requests;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A running stub: its origin, the TARGET_* values that reach it, how many requests it received, and how to stop it. */
export interface Stub {
  url: string;
  target: Target;
  readonly requests: number;
  stop(): Promise<void>;
}
