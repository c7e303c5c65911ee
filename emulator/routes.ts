import { contract, type Operation, type PathParams, type Scope } from '../spec/contract.js';
import { errorReply, JSON_TYPE } from './errors.js';
import type { Fault, Reply } from './fault-hooks.js';
import { readQuery, type Paging } from './paging.js';
import type { ReceiptRender } from './receipt-render.js';
import type { Play } from './readings.js';
import type { Live } from './readings-live.js';
import { findConversation, type Store } from './store.js';

/** What the handlers share for one emulator (origin: the public base URL links are written at, base path included). */
export interface RouteCtx {
  store: Store;
  render: ReceiptRender;
  paging: Paging;
  fault: Fault;
  play: Play;
  origin: string;
  /** Answers received and not yet written, this one included (a fault may act only under concurrency). */
  inFlight(): number;
  /** The live reading's mover (null when it is off: receipts stay as the data set has them). */
  live: Live | null;
  /** Fetches answered while crowded so far (a rare race counts them). */
  crowds: { n: number };
}
/** The service, conversation and message a path names, all visible to the caller. */
interface Place {
  conversation: number;
  message: number;
}

const ANY = -1;
const servicePattern = contract.sids.pattern('chat_service_sid');
/** Path parameters that must be SIDs, with the field whose pattern they follow. */
const sidParams = [
  ['ChatServiceSid', contract.sids.pattern('chat_service_sid')],
  ['MessageSid', contract.sids.pattern('message_sid')],
  ['Sid', contract.sids.pattern('sid')],
] as const;

/** Decodes one raw path segment; null for bad percent-encoding. */
function segment(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The service a path names for an account: its default one, one of its own, or ANY under a leak fault; null if none. */
function serviceOf(ctx: RouteCtx, account: number, scope: Scope, raw: PathParams): number | null {
  if (scope === 'default') return ctx.fault.loose === 'default' ? ANY : ctx.store.accounts[account].defaultService;
  const sid = segment(raw.ChatServiceSid);
  const s = sid === null ? undefined : ctx.store.serviceBySid.get(sid);
  // cross-tenant: a service of any account is the caller's
  if (s !== undefined && (ctx.store.services[s].account === account || ctx.fault.loose === 'account')) return s;
  return ctx.fault.loose === 'service' && sid !== null && servicePattern.test(sid) ? ANY : null;
}

/** A conversation by SID in any service of the account (a leak fault's ANY service), or -1. */
function ownConversation(store: Store, account: number, sid: string): number {
  const c = store.conversations.sids.index(sid);
  return c >= 0 && store.services[store.conversations.service[c]].account === account ? c : -1;
}

/** Resolves the path's service, conversation and message, each checked to belong to the one before; null: 404. */
function resolve(ctx: RouteCtx, account: number, scope: Scope, raw: PathParams): Place | null {
  const { store } = ctx;
  const service = serviceOf(ctx, account, scope, raw);
  const convId = segment(raw.ConversationSid);
  if (service === null || convId === null) return null;
  let conversation =
    service === ANY ? ownConversation(store, account, convId) : findConversation(store, service, convId);
  // cross-tenant: a conversation of any account's default service
  if (conversation < 0 && scope === 'default' && ctx.fault.loose === 'account')
    conversation = store.accounts.reduce(
      (c, a) => (c >= 0 ? c : findConversation(store, a.defaultService, convId)),
      -1,
    );
  const msgId = segment(raw.MessageSid);
  let message = conversation < 0 || msgId === null ? -1 : store.messages.sids.index(msgId);
  // leak-message: an unknown well-formed message SID lands on a message of the conversation (as leak-service does for services).
  if (message < 0 && conversation >= 0 && ctx.fault.loose === 'message' && sidParams[1][1].test(msgId ?? ''))
    message = store.messages.conv.indexOf(conversation);
  return message >= 0 && store.messages.conv[message] === conversation ? { conversation, message } : null;
}

const ok = (body: string | Buffer): Reply => ({ status: 200, type: JSON_TYPE, body });

/** GET …/Receipts: one page of the message's receipts, in stable order. */
function list(ctx: RouteCtx, place: Place, scope: Scope, query: string): Reply {
  const q = readQuery(query);
  const req = typeof q === 'string' ? q : ctx.paging.request(q, place.message);
  if (typeof req === 'string') return errorReply(ctx, 400, req);
  const { store, render } = ctx;
  const start = store.messages.start[place.message];
  const count = store.messages.size[place.message];
  const order = ctx.fault.order;
  const items: string[] = [];
  for (let p = req.offset, end = Math.min(count, req.offset + req.size); p < end; p++) {
    items.push(render.json(start + (order ? order(p, count, req.size) : p), scope));
  }
  const s = store.services[store.conversations.service[place.conversation]];
  const base =
    ctx.origin +
    contract.paths.build('list', scope, {
      ChatServiceSid: s.sid,
      ConversationSid: store.conversations.sids.sid(place.conversation),
      MessageSid: store.messages.sids.sid(place.message),
    });
  const meta = ctx.paging.meta(req, count, base, place.message);
  return ok(Buffer.from(`{"${contract.paging.listKey}":[${items.join(',')}],"meta":${JSON.stringify(meta)}}`));
}

/** The receipt a fetch of receipt i (of message m) answers: itself, or another of m under a race fault and concurrency. */
function served(ctx: RouteCtx, i: number, m: number): number {
  const { start, size } = ctx.store.messages;
  const { crowded, crowd = 2 } = ctx.fault;
  const swap = crowded && ctx.inFlight() >= crowd ? crowded(i - start[m], size[m], ++ctx.crowds.n) : undefined;
  return swap === undefined ? i : start[m] + swap;
}

/** GET …/Receipts/{Sid}: one receipt of the message in the path. */
function fetch(ctx: RouteCtx, place: Place, scope: Scope, raw: PathParams): Reply {
  const { store, fault } = ctx;
  const sid = segment(raw.Sid);
  const i = sid === null ? -1 : store.receipts.sids.index(sid);
  const m = i < 0 ? -1 : store.receipts.msg[i];
  if (
    m === place.message ||
    (m >= 0 && fault.loose === 'message' && store.messages.conv[m] === place.conversation) ||
    (m >= 0 && fault.loose === 'fetch')
  )
    return ok(ctx.render.json(served(ctx, i, m), scope, true));
  if (fault.notFound200 && store.messages.size[place.message] > 0)
    return ok(ctx.render.json(store.messages.start[place.message], scope, true));
  return errorReply(ctx, 404);
}

/** Answers a matched GET for an authenticated account. */
export function route(ctx: RouteCtx, account: number, op: Operation, raw: PathParams, query: string): Reply {
  if (
    ctx.fault.malformed500 &&
    sidParams.some(([name, re]) => raw[name] !== undefined && !re.test(segment(raw[name]) ?? ''))
  ) {
    return errorReply(ctx, 500);
  }
  const place = resolve(ctx, account, op.scope, raw);
  if (!place) return errorReply(ctx, 404);
  ctx.live?.tick(place.message);
  return op.name === 'list' ? list(ctx, place, op.scope, query) : fetch(ctx, place, op.scope, raw);
}
