import { followPath } from '../../client/link-policy.js';
import { contract } from '../../spec/contract.js';
import { formatViolation } from '../../spec/violation.js';
import { authorization, secretOf, type LoadTarget, type MessageRef } from '../target.js';
import { redact } from '../../client/redact.js';
import { UsageError } from '../../client/usage-error.js';
import { getBounded, type Answer, type GetLimits } from '../../client/http-get.js';

/** What a scenario rotates over: paths of receipts (fetch) and of list pages at one PageSize (list). */
export interface Workload {
  fetch: string[];
  list: string[];
}
/** Bounds on discovery, so a huge message never stalls the start. */
export interface DiscoverLimits extends GetLimits {
  pageSize: number;
  maxPages: number;
}

const DEFAULT_LIMITS: DiscoverLimits = {
  pageSize: contract.paging.pageSize.max,
  maxPages: 60,
  timeoutMs: 5000,
  maxBodyBytes: 8 << 20,
  maxRatio: 100,
};

/** The first contract violation of a page, as one line; a value too deep to even describe is a failure too. */
function firstViolation(body: unknown, request: string): string | null {
  try {
    const [v] = contract.validate('ServiceReceiptPage', body);
    return v ? formatViolation({ ...v, request }) : null;
  } catch (err) {
    return `the body could not be judged (${(err as Error).message}; nested too deep?) (${request})`;
  }
}

/** GETs one list page; anything but a valid ServiceReceiptPage stops the run with the first violation. */
async function getPage(target: LoadTarget, path: string, limits: DiscoverLimits): Promise<Record<string, unknown>> {
  const request = `GET ${path}`;
  let answer: Answer;
  try {
    // never follows redirects: the Authorization header must reach the target only; the time limit covers the body too
    const headers = { authorization: authorization(target), accept: 'application/json' };
    answer = await getBounded(target.url + path, headers, limits);
  } catch (err) {
    throw new UsageError(`discovery: ${request} failed: ${(err as Error).message}`);
  }
  const { status, headers } = answer;
  // redacted before any excerpt is cut, so a cut can never leave half a token behind
  const text = redact(answer.text, secretOf(target));
  if (status !== 200) {
    const redirect = status >= 300 && status < 400 && headers.location;
    const where = redirect ? ` (redirect to ${redact(headers.location, secretOf(target))}, not followed)` : '';
    throw new UsageError(
      `discovery: ${request} answered HTTP ${status}${where}: ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UsageError(
      `discovery: ${request} answered a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
    );
  }
  const violation = firstViolation(body, request);
  if (violation) throw new UsageError(`discovery: ${violation}`);
  return body as Record<string, unknown>;
}

/** Stops a walk that comes back to a page it has seen, or whose meta.page does not go up: reported, not loaded. */
function checkProgress(
  seen: Set<string>,
  previous: number | null,
  page: unknown,
  path: string,
  next: string | null,
): void {
  const loops = 'discovery: the page walk loops:';
  if (previous !== null && (typeof page !== 'number' || page <= previous)) {
    const shown = typeof page === 'number' ? page : typeof page;
    throw new UsageError(`${loops} GET ${path} has meta.page ${shown}, not above the previous page's ${previous}`);
  }
  if (next !== null && seen.has(next)) {
    throw new UsageError(`${loops} next_page_url of GET ${path} leads back to GET ${next}, already visited`);
  }
}

/** Pages through one message: its page paths (at most `maxPages`) and its receipts' fetch paths. */
async function discoverMessage(
  target: LoadTarget,
  m: MessageRef,
  lim: DiscoverLimits,
  maxPages: number,
): Promise<Workload> {
  const work: Workload = { fetch: [], list: [] };
  const params = { ChatServiceSid: m.serviceSid, ConversationSid: m.conversationSid, MessageSid: m.messageSid };
  let path: string | null = `${contract.paths.build('list', 'service', params)}?PageSize=${lim.pageSize}`;
  const seen = new Set<string>();
  let previous: number | null = null;
  while (path && work.list.length < maxPages) {
    seen.add(path);
    work.list.push(path);
    const page = await getPage(target, path, lim);
    for (const r of page[contract.paging.listKey] as Record<string, string>[]) {
      work.fetch.push(
        contract.paths.build('fetch', 'service', {
          ChatServiceSid: r.chat_service_sid,
          ConversationSid: r.conversation_sid,
          MessageSid: r.message_sid,
          Sid: r.sid,
        }),
      );
    }
    const meta = page.meta as Record<string, unknown>;
    const next = followPath(meta.next_page_url, target);
    checkProgress(seen, previous, meta.page, path, next);
    previous = meta.page as number;
    path = next;
  }
  return work;
}

/** Pages through the target's messages (side by side) via the list endpoint: page paths at a PageSize, and every receipt's fetch path. */
export async function discoverWorkload(target: LoadTarget, limits: Partial<DiscoverLimits> = {}): Promise<Workload> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const perMessage = Math.max(1, Math.floor(lim.maxPages / target.messages.length));
  const parts = await Promise.all(target.messages.map((m) => discoverMessage(target, m, lim, perMessage)));
  const work = { fetch: parts.flatMap((p) => p.fetch), list: parts.flatMap((p) => p.list) };
  if (!work.fetch.length)
    throw new UsageError(
      `discovery: the target's message ${target.messageSid} has no receipts; TARGET_MESSAGE_SID needs a message with receipts`,
    );
  return work;
}
