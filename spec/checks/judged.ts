import type { Contract, Operation, Scope } from '../contract.js';
import { pointer } from '../violation.js';
import type { Exchange } from './exchange.js';

type Json = Record<string, unknown>;

/** The operation a path addresses and its decoded path parameters (undefined where the encoding is broken). */
export interface Route {
  op: Operation;
  scope: Scope;
  params: Record<string, string | undefined>;
}

/** An exchange parsed once for every check: its route, query, JSON object body, meta and receipts. */
export interface Judged extends Exchange {
  /** null for a path outside the spec; frozen, shared by every exchange of the same path. */
  route: Route | null;
  /** Shared by every exchange of the same path: read it, never change it. */
  query: URLSearchParams;
  /** The body when it is a JSON object, else null. */
  body: Json | null;
  /** The list envelope's meta object, else null. */
  meta: Json | null;
  /** The receipts of a 200 with their pointers: the body of a fetch, the object items of a list. */
  receipts: { receipt: Json; at: string }[];
  /** The receipt SIDs of a 200 list, in order (non-strings skipped). */
  sids: string[];
}

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

/** Paths remembered with their route and query: a run repeats a few thousand paths, and matching is a regex walk. */
const MAX_REMEMBERED = 10_000;
interface Addressed {
  contract: Contract;
  route: Route | null;
  query: URLSearchParams;
}
const addressed = new Map<string, Addressed>();

/** A path's route and query, parsed once per path and contract; both frozen or shared read-only. */
function addressOf(pathAndQuery: string, contract: Contract): Addressed {
  const known = addressed.get(pathAndQuery);
  if (known?.contract === contract) return known;
  const at = pathAndQuery.indexOf('?');
  const query = new URLSearchParams(at < 0 ? '' : pathAndQuery.slice(at + 1));
  const match = contract.paths.match(at < 0 ? pathAndQuery : pathAndQuery.slice(0, at));
  let route: Route | null = null;
  if (match) {
    const params = Object.freeze(Object.fromEntries(Object.entries(match.raw).map(([k, v]) => [k, decode(v)])));
    route = Object.freeze({ op: match.op, scope: match.op.scope, params });
  }
  if (addressed.size >= MAX_REMEMBERED) addressed.clear();
  const out = { contract, route, query };
  addressed.set(pathAndQuery, out);
  return out;
}

/** The operation a path (with or without query) addresses and its decoded parameters, or null. */
export function routeOfPath(pathAndQuery: string, contract: Contract): Route | null {
  return addressOf(pathAndQuery, contract).route;
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

/** Parses an exchange once: everything the checks read of it (its route and query shared by every equal path). */
export function parseExchange(exchange: Exchange, contract: Contract): Judged {
  const { route, query } = addressOf(exchange.request.path, contract);
  const { status, json } = exchange.response;
  const body = asObject(json);
  const isList = status === 200 && route?.op.name === 'list';
  const meta = isList ? asObject(body?.meta) : null;
  const receipts = receiptsIn(route, status, body, contract.paging.listKey, contract.paging.pageSize.max);
  const sids = sidsOf(isList ? body?.[contract.paging.listKey] : undefined);
  const { request, response, throttled } = exchange;
  return { request, response, throttled, route, query, body, meta, receipts, sids };
}

/** The receipt SIDs of a page, in order (non-strings skipped): for probes holding a raw exchange. */
export function pageSids(exchange: Exchange, contract: Contract): string[] {
  return sidsOf(asObject(exchange.response.json)?.[contract.paging.listKey]);
}

/** The string SIDs of a list's items, in order (non-strings skipped); none when it is not a list. */
function sidsOf(items: unknown): string[] {
  return Array.isArray(items)
    ? items.map((r) => asObject(r)?.sid).filter((s): s is string => typeof s === 'string')
    : [];
}

/** The meta object of a page body, or null: for probes holding a raw exchange. */
export function metaOf(exchange: Exchange): Record<string, unknown> | null {
  return asObject(asObject(exchange.response.json)?.meta);
}
