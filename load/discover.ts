import { contract } from '../spec/contract.js';
import { formatViolation } from '../spec/violation.js';
import { authorization, type LoadTarget, type MessageRef } from './target.js';
import { UsageError } from './usage-error.js';

/** What a scenario rotates over: paths of receipts (fetch) and of list pages at one PageSize (list). */
export interface Workload { fetch: string[]; list: string[] }
/** Bounds on discovery, so a huge message never stalls the start. */
export interface DiscoverLimits { pageSize: number; maxPages: number; timeoutMs: number; maxBodyBytes: number }

const DEFAULT_LIMITS: DiscoverLimits = { pageSize: contract.pageSize.max, maxPages: 60, timeoutMs: 5000, maxBodyBytes: 8 << 20 };

/** Reads a body up to a cap, so a hostile target cannot exhaust memory. */
async function readCapped(res: Response, cap: number, request: string): Promise<string> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    size += r.value.byteLength;
    if (size > cap) { await reader!.cancel(); throw new UsageError(`discovery: ${request} answered more than ${cap} bytes`); }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GETs one list page; anything but a valid ServiceReceiptPage stops the run with the first violation. */
async function getPage(target: LoadTarget, path: string, limits: DiscoverLimits): Promise<Record<string, unknown>> {
  const request = `GET ${path}`;
  let res: Response;
  let text: string;
  try {
    // never follow redirects: the Authorization header must reach the target only; the time limit covers the body too
    res = await fetch(target.url + path, { headers: { authorization: authorization(target), accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(limits.timeoutMs) });
    text = await readCapped(res, limits.maxBodyBytes, request);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause; // undici says only "fetch failed"
    const why = (err as Error).name === 'TimeoutError' ? `no complete answer within ${limits.timeoutMs} ms` : cause?.code ?? cause?.message ?? (err as Error).message;
    throw new UsageError(`discovery: ${request} failed: ${why}`);
  }
  if (res.status !== 200) throw new UsageError(`discovery: ${request} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  let body: unknown;
  try { body = JSON.parse(text); } catch { throw new UsageError(`discovery: ${request} answered a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}`); }
  const violations = contract.validate('ServiceReceiptPage', body);
  if (violations.length) throw new UsageError(`discovery: ${formatViolation({ ...violations[0], request })}`);
  return body as Record<string, unknown>;
}

/** The path and query of a next_page_url, if it points at the target (or its public origin). */
function samePath(target: LoadTarget, next: unknown): string | null {
  if (typeof next !== 'string') return null;
  const u = new URL(next, target.publicUrl);
  const ok = [target.publicUrl, target.url].some((o) => new URL(o).origin === u.origin);
  return ok ? u.pathname + u.search : null;
}

/** Pages through one message: its page paths (at most `maxPages`) and its receipts' fetch paths. */
async function discoverMessage(target: LoadTarget, m: MessageRef, lim: DiscoverLimits, maxPages: number): Promise<Workload> {
  const work: Workload = { fetch: [], list: [] };
  const params = { ChatServiceSid: m.serviceSid, ConversationSid: m.conversationSid, MessageSid: m.messageSid };
  let path: string | null = `${contract.buildPath('list', 'service', params)}?PageSize=${lim.pageSize}`;
  while (path && work.list.length < maxPages) {
    work.list.push(path);
    const page = await getPage(target, path, lim);
    for (const r of page[contract.listKey] as Record<string, string>[]) {
      work.fetch.push(contract.buildPath('fetch', 'service', { ChatServiceSid: r.chat_service_sid, ConversationSid: r.conversation_sid, MessageSid: r.message_sid, Sid: r.sid }));
    }
    path = samePath(target, (page.meta as Record<string, unknown>).next_page_url);
  }
  return work;
}

/** Pages through the target's messages (side by side) via the list endpoint: page paths at a PageSize, and every receipt's fetch path. */
export async function discover(target: LoadTarget, limits: Partial<DiscoverLimits> = {}): Promise<Workload> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const perMessage = Math.max(1, Math.floor(lim.maxPages / target.messages.length));
  const parts = await Promise.all(target.messages.map((m) => discoverMessage(target, m, lim, perMessage)));
  const work = { fetch: parts.flatMap((p) => p.fetch), list: parts.flatMap((p) => p.list) };
  if (!work.fetch.length) throw new UsageError(`discovery: the target's message ${target.messageSid} has no receipts; TARGET_MESSAGE_SID needs a message with receipts`);
  return work;
}
