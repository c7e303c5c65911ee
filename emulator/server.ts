import type { Target } from '../client/settings.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { answer, clientError, rawError, scan, writeReply, type AnswerCtx } from './answer.js';
import type { Reply } from './fault-hooks.js';
import { Auth } from './auth.js';
import { errorReply } from './errors.js';
import { loadDataset } from './dataset.js';
import { checkOptions, type EmulatorOptions } from './options.js';
import { Paging } from './paging.js';
import { ReceiptRender } from './receipt-render.js';
import { RateLimit } from './readings-limit.js';
import { Live, liveStore } from './readings-live.js';
import { upperStore } from './readings-upper.js';
import type { ReadingName } from './readings.js';
import { ReplyCache } from './reply-cache.js';
import { defaultTargetMessage, type Store } from './store.js';

export type { EmulatorOptions } from './options.js';
export type { FaultName } from './faults.js';
export type { ReadingName } from './readings.js';

/** The TARGET_* settings that point a client at this emulator (the one Target type, from target/). */
export type { Target } from '../client/settings.js';
/** A running emulator. */
export interface Emulator {
  url: string;
  publicUrl: string;
  target: Target;
  store: Store;
  /** The readings it plays (the default one when none was named). */
  readings: readonly ReadingName[];
  /** The unique names of the advertised conversations, when they have one (TARGET_CONVERSATION_SID may be one). */
  conversationName?: string;
  defaultConversationName?: string;
  /** Requests received whose answer is not written yet (a test can stop the server with one in flight, without guessing a delay). */
  inFlight(): number;
  stop(): Promise<void>;
}

/** Header bytes accepted per request (request line included); more gets a Twilio-shaped 431. */
const MAX_HEADER_BYTES = 16 * 1024;
/** Limits against slow or stalled clients (a stalled request gets a Twilio-shaped 408). */
const TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
/** How long stop() lets answers in flight finish before it cuts the remaining connections. */
const GRACE_MS = 5_000;

/** The target settings of a store's advertised message. */
function targetOf(store: Store, url: string, publicUrl: string): Target {
  const t = store.target;
  const account = store.accounts[t.account];
  const target = {
    url,
    publicUrl,
    accountSid: account.sid,
    serviceSid: store.services[t.service].sid,
    conversationSid: store.conversations.sids.sid(t.conversation),
    messageSid: store.messages.sids.sid(t.message),
  } as Target;
  const m = defaultTargetMessage(store);
  if (m >= 0)
    Object.assign(target, {
      defaultConversationSid: store.conversations.sids.sid(store.messages.conv[m]),
      defaultMessageSid: store.messages.sids.sid(m),
    });
  // a second account with data of its own: the tenancy probes ask for this account's receipts with its credentials
  const other = store.accounts.find((_, i) => i !== t.account);
  if (other) Object.assign(target, { otherAccountSid: other.sid });
  // not enumerable: printing or serialising the target never shows a token
  Object.defineProperty(target, 'authToken', { value: account.token, enumerable: false });
  if (other) Object.defineProperty(target, 'otherAuthToken', { value: other.token, enumerable: false });
  return Object.freeze(target);
}

/** Answers received and not yet written. */
interface Pending {
  n: number;
}
/** Whether stop() has begun. */
type Stopping = () => boolean;

/** Writes an answer when its time has come (a named function: no closure is made per request). */
function send(ctx: AnswerCtx, res: ServerResponse, reply: Reply, close: boolean, pending: Pending, stopping: Stopping) {
  pending.n--;
  // only a fault's reply hook reads the credentials (echo-credentials): the correct emulator pays nothing for it
  const authorization = ctx.fault.reply ? scan(res.req).authorization : undefined;
  writeReply(ctx, res, reply, close || stopping(), res.req.url ?? '/', authorization);
}

/** Starts answering requests once the context is complete (its origin is known only after listening). */
function answerOn(
  server: Server,
  ctx: AnswerCtx,
  delay: number,
  stopping: () => boolean,
  pending: { n: number },
): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    pending.n++;
    // a body is never read: the connection closes after the answer, so an endless body cannot hold it
    const { authorization, body, host } = scan(req);
    // HTTP/1.1 requires a Host header (RFC 9112 3.2): Node lets it through to be answered as Twilio JSON
    const reply =
      host || req.httpVersionMinor === 0
        ? answer(ctx, req, authorization)
        : errorReply(ctx, 400, 'Bad Request: an HTTP/1.1 request must carry a Host header');
    if (delay > 0) setTimeout(send, delay, ctx, res, reply, body, pending, stopping);
    else send(ctx, res, reply, body, pending, stopping);
  });
}

/** The unique name of a conversation, when it has one. */
function nameOf(store: Store, conversation: number): string | undefined {
  for (const [key, c] of store.conversations.byName) {
    if (c === conversation) return key.slice(key.indexOf('\u0000') + 1);
  }
  return undefined;
}

/** The HTTP server with its limits and the answers to what bypasses the request handler. */
function serverOf(ctx: AnswerCtx): Server {
  // requireHostHeader: Node would answer a missing Host with an empty 400 of its own; the handler answers it instead
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false, ...TIMEOUTS });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => clientError(ctx, err, socket));
  // An Expect header Node does not meet (anything but 100-continue) would get an empty 417 of its own
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    writeReply(ctx, res, errorReply(ctx, 417, 'Expectation Failed: only GET without a body is served'), true, '/'),
  );
  // CONNECT and Upgrade bypass the request handler; without these Node would drop the connection unanswered
  server.on('connect', (_req: IncomingMessage, socket: Socket) =>
    rawError(ctx, socket, 405, undefined, 'Allow: GET\r\n'),
  );
  server.on('upgrade', (_req: IncomingMessage, socket: Socket) =>
    rawError(ctx, socket, 405, undefined, 'Allow: GET\r\n'),
  );
  return server;
}

/** Starts an emulator on loopback (port 0: any free port); resolves when it listens. */
export async function create(options: EmulatorOptions = {}): Promise<Emulator> {
  const o = checkOptions(options);
  const loaded = loadDataset(o.dataset);
  const shown = o.play.upper ? upperStore(loaded) : loaded;
  // live moves receipts: its own copy of their statuses and dates, and no cached answer (it would be stale)
  const store = o.play.live > 0 ? liveStore(shown) : shown;
  const cached = o.cache && o.play.live === 0;
  const pending = { n: 0 };
  const ctx: AnswerCtx = {
    store,
    basePath: o.basePath,
    fault: o.fault,
    play: o.play,
    origin: '',
    paging: new Paging(o.fault, o.play),
    render: null as unknown as ReceiptRender,
    auth: new Auth(store.accounts),
    cache: new ReplyCache(cached ? undefined : 0),
    held: new Set<ServerResponse>(),
    limit: RateLimit.of(o.play, o.fault),
    live: Live.of(o.play, store),
    inFlight: () => pending.n,
    crowds: { n: 0 },
  };
  let stopping = false;
  const server = serverOf(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}${o.basePath}`;
  // links are written at the public origin under the base path, as a deployment behind a gateway writes them
  ctx.origin = (o.publicUrl ?? url.slice(0, url.length - o.basePath.length)) + o.basePath;
  ctx.render = new ReceiptRender(store, ctx.origin, o.fault, cached ? undefined : 0, o.play.utc);
  answerOn(server, ctx, o.latency + o.play.latency + o.play.hold + (o.fault.delayMs ?? 0), () => stopping, pending);
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      stopping = true;
      server.close(() => resolve());
      server.closeIdleConnections();
      for (const res of ctx.held) res.socket?.destroy(); // answers a hostile fault left open
      setTimeout(() => server.closeAllConnections(), GRACE_MS).unref();
    }));
  const m = defaultTargetMessage(store);
  const names = {
    conversationName: nameOf(store, store.target.conversation),
    defaultConversationName: m < 0 ? undefined : nameOf(store, store.messages.conv[m]),
  };
  const target = targetOf(store, url, ctx.origin);
  return { url, publicUrl: ctx.origin, target, store, readings: o.readings, ...names, inFlight: () => pending.n, stop };
}
