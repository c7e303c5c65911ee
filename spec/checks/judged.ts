import type { Contract } from '../contract.js';
import { pointer } from '../violation.js';
import type { Applies, CheckContext, Exchange, Judged, Route } from './exchange.js';

type Json = Record<string, unknown>;

/** A JSON object, or null for anything else. */
export function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** Decodes one percent-encoded path segment; undefined when the encoding is broken. */
function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The operation a path (with or without query) addresses and its decoded parameters, or null. */
export function routeOfPath(pathAndQuery: string, contract: Contract): Route | null {
  const match = contract.paths.match(pathAndQuery.split('?')[0]);
  if (!match) return null;
  const params = Object.fromEntries(Object.entries(match.raw).map(([k, v]) => [k, decode(v)]));
  return { op: match.op, scope: match.op.scope, params };
}

/** The receipts a 200 carries, with their pointers: the body of a fetch, the object items of a list. */
function receiptsIn(
  route: Route | null,
  status: number,
  body: Json | null,
  listKey: string,
  maxItems: number,
): Judged['receipts'] {
  if (status !== 200 || !body || !route) return [];
  if (route.op.name === 'fetch') return [{ receipt: body, at: '' }];
  const items = body[listKey];
  if (!Array.isArray(items)) return [];
  const out: Judged['receipts'] = [];
  // Judged one by one up to twice the largest page: a 20 000-item page is meta_page_size's finding, not 20 000 of ours.
  items.slice(0, 2 * maxItems).forEach((item, i) => {
    const receipt = asObject(item);
    if (receipt) out.push({ receipt, at: pointer('', listKey, i) });
  });
  return out;
}

/** Parses an exchange once: everything the checks read of it. */
export function parseExchange(exchange: Exchange, contract: Contract): Judged {
  const at = exchange.request.path.indexOf('?');
  const query = new URLSearchParams(at < 0 ? '' : exchange.request.path.slice(at + 1));
  const route = routeOfPath(exchange.request.path, contract);
  const { status, json } = exchange.response;
  const body = asObject(json);
  const isList = status === 200 && route?.op.name === 'list';
  const meta = isList ? asObject(body?.meta) : null;
  const receipts = receiptsIn(route, status, body, contract.paging.listKey, contract.paging.pageSize.max);
  const items = isList ? body?.[contract.paging.listKey] : undefined;
  const sids = Array.isArray(items)
    ? items.map((r) => asObject(r)?.sid).filter((s): s is string => typeof s === 'string')
    : [];
  return { ...exchange, route, query, body, meta, receipts, sids };
}

/** True when a check's declared conditions hold for a parsed exchange and its context. */
export function appliesTo(applies: Applies, ex: Judged, ctx: CheckContext): boolean {
  if (Boolean(applies.failed) !== Boolean(ex.response.error)) return false;
  if (applies.expect && !applies.expect.includes(ctx.expect)) return false;
  if (applies.operation && ex.route?.op.name !== applies.operation) return false;
  const { status } = ex.response;
  if (applies.status === 'ok' && status !== 200) return false;
  if (applies.status === 'error' && status < 400) return false;
  if (applies.needs && !applies.needs.every((n) => ctx[n] !== undefined)) return false;
  return applies.query === undefined || ex.query.has(applies.query);
}
