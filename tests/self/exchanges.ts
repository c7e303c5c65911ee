import { contract, type SidField } from '../../spec/contract.js';
import type { CheckContext, Exchange, Expectation, SeenCopy } from '../../spec/checks/index.js';

type Json = Record<string, unknown>;

/** The spec's own documented example of a named kind (ServiceReceipt, ServiceReceiptPage, Receipt, ReceiptPage). */
export function example(name: string): Json {
  const examples = (contract.doc.components as Json).examples as Record<string, { value: Json }>;
  return structuredClone(examples[name].value);
}

/** The origin and account of the spec's examples, as a check context expecting one kind of answer. */
export function ctxFor(expect: Expectation, extra: Partial<CheckContext> = {}): CheckContext {
  const r = example('ServiceReceipt');
  return { publicUrl: new URL(String(r.url)).origin, accountSid: String(r.account_sid), expect, ...extra };
}

/** A JSON answer to a GET of a path. */
export function exchange(
  path: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Exchange {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { request: { method: 'GET', path, auth: 'valid' }, response: { status, headers, text, json } };
}

/** The fetch path of a receipt, from its own SIDs. */
export function fetchPath(r: Json, scope: 'service' | 'default' = 'service'): string {
  return new URL(contract.paths.receiptUrl('http://x', r, scope)).pathname;
}

/** The list path of the example receipts' message, with a query. */
export function exampleListPath(query = '', scope: 'service' | 'default' = 'service'): string {
  const r = example('ServiceReceipt');
  const path = contract.paths.build('list', scope, {
    ChatServiceSid: String(r.chat_service_sid),
    ConversationSid: String(r.conversation_sid),
    MessageSid: String(r.message_sid),
  });
  return path + (query ? `?${query}` : '');
}

/** A receipt fetched at its own path (the spec's example, with changes). */
export function fetched(change: (r: Json) => void = () => undefined): Exchange {
  const r = example('ServiceReceipt');
  const path = fetchPath(r);
  change(r);
  return exchange(path, 200, r);
}

/** A page of the example list at a query (the spec's example, with changes to the body). */
export function page(
  query = 'PageSize=50&Page=0',
  change: (p: Json & { meta: Json; delivery_receipts: Json[] }) => void = () => undefined,
): Exchange {
  const p = example('ServiceReceiptPage') as Json & { meta: Json; delivery_receipts: Json[] };
  change(p);
  return exchange(exampleListPath(query), 200, p);
}

/** The documented error answer for a status, with changes. */
export function error(status: number, path = exampleListPath(), change: (b: Json) => void = () => undefined): Exchange {
  const body = { ...contract.errors.example(status) } as Json;
  change(body);
  return exchange(path, status, body);
}

/** The documented 401 with the challenge header the spec documents for it (its name read from the spec). */
export function challenged(): Exchange {
  const [challenge] = contract.errors.headers(401);
  return exchange(exampleListPath(), 401, contract.errors.example(401), {
    'content-type': 'application/json',
    [challenge.name.toLowerCase()]: 'Basic realm="Twilio API"',
  });
}

/** A well-formed SID of a field (prefix and length from the spec), with one hex digit repeated. */
export function sidOf(field: SidField, hex: string): string {
  return String(contract.sids.prefix(field)) + hex.repeat(contract.sids.length(field) - 2);
}

/** A receipt SID other than the example's, with one hex digit repeated. */
export function sid(hex: string): string {
  return sidOf('sid', hex);
}

/** Receipts as copies seen before on the example list (a check context's `known`), by sid. */
export function copies(...receipts: Json[]): ReadonlyMap<string, SeenCopy> {
  return new Map(receipts.map((r) => [String(r.sid), { receipt: r, at: `GET ${exampleListPath()}` }]));
}
