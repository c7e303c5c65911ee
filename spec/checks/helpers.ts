import type { Contract, Operation, Scope } from '../contract.js';
import { pointer, type Violation } from '../violation.js';
import type { CheckContext, Exchange } from './exchange.js';

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

/** An operation of the spec with the decoded path parameters a path gave it. */
export interface Route { op: Operation; scope: Scope; params: Record<string, string | undefined> }

/** The operation the request addressed and its decoded path parameters, or null for a path outside the spec. */
export function routeOf(exchange: Exchange, contract: Contract): Route | null {
  return routeOfPath(exchange.request.path, contract);
}

/** The operation a path (with or without query) addresses and its decoded parameters, or null. */
export function routeOfPath(pathAndQuery: string, contract: Contract): Route | null {
  const path = pathAndQuery.split('?')[0];
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
  return items.flatMap((item, i) => (asObject(item) ? [{ receipt: item as Json, at: pointer('', contract.listKey, i) }] : []));
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

/**
 * The index of the page an answer must be: what the probe knows (a walk, a followed link), else 0 for a request that
 * names no page (no PageToken, Page absent or 0); undefined when only the answer itself can say.
 */
export function knownPageIndex(exchange: Exchange, ctx: CheckContext): number | undefined {
  if (ctx.page !== undefined) return ctx.page;
  const query = queryOf(exchange);
  const page = query.get('Page');
  return !query.has('PageToken') && (page === null || page === '0') ? 0 : undefined;
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
