import type { Contract, Operation, Scope } from '../contract.js';
import { pointer, type Violation } from '../violation.js';
import type { Exchange } from './exchange.js';

type Json = Record<string, unknown>;

/** A JSON object, or null for anything else. */
export function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** The query parameters of the request. */
export function queryOf(exchange: Exchange): URLSearchParams {
  const at = exchange.request.path.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : exchange.request.path.slice(at + 1));
}

/** Decodes one percent-encoded path segment; undefined when the encoding is broken. */
function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The operation the request addressed and its decoded path parameters, or null for a path outside the spec. */
export function routeOf(exchange: Exchange, contract: Contract): { op: Operation; scope: Scope; params: Record<string, string | undefined> } | null {
  const path = exchange.request.path.split('?')[0];
  const match = contract.matchPath(path);
  if (!match) return null;
  const params = Object.fromEntries(Object.entries(match.raw).map(([k, v]) => [k, decode(v)]));
  return { op: match.op, scope: match.op.scope, params };
}

/** The receipts a 200 response carries, each with its pointer: the body of a fetch, the items of a list. */
export function receiptsOf(exchange: Exchange, contract: Contract): { receipt: Json; at: string }[] {
  if (exchange.response.status !== 200) return [];
  const body = asObject(exchange.response.json);
  const route = routeOf(exchange, contract);
  if (!body || !route) return [];
  if (route.op.name === 'fetch') return [{ receipt: body, at: '' }];
  const items = body[contract.listKey];
  if (!Array.isArray(items)) return [];
  // Judged one by one up to twice the largest page: a 20 000-item page is meta_page_size's finding, not 20 000 of ours.
  return items.slice(0, 2 * contract.pageSize.max).flatMap((item, i) => (asObject(item) ? [{ receipt: item as Json, at: pointer('', contract.listKey, i) }] : []));
}

/** The receipt SIDs of a page, in order (non-strings skipped). */
export function pageSids(exchange: Exchange, contract: Contract): string[] {
  const items = asObject(exchange.response.json)?.[contract.listKey];
  return Array.isArray(items) ? items.map((r) => asObject(r)?.sid).filter((s): s is string => typeof s === 'string') : [];
}

/** The meta object of a page body, or null. */
export function metaOf(exchange: Exchange): Json | null {
  return asObject(asObject(exchange.response.json)?.meta);
}

/** True for a successful list response (a page to judge). */
export function isPage(exchange: Exchange, contract: Contract): boolean {
  return exchange.response.status === 200 && routeOf(exchange, contract)?.op.name === 'list';
}

/** A link's path and query (what a request to it would send), or null when it is not an absolute URL. */
export function linkPath(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  try {
    const u = new URL(link);
    return u.pathname + u.search;
  } catch {
    return null;
  }
}

/** The origin of an absolute URL, or null. */
export function originOf(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  try {
    return new URL(link).origin;
  } catch {
    return null;
  }
}

/** Builds a violation with the usual fields. */
export function violation(check: string, at: string, message: string, expected?: unknown, actual?: unknown): Violation {
  return { check, pointer: at, message, expected, actual };
}
