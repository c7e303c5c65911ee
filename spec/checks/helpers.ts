import type { Contract } from '../contract.js';
import { type Violation } from '../violation.js';
import type { CheckContext, Exchange, Judged } from './exchange.js';
import { asObject } from './judged.js';

export { asObject, routeOfPath } from './judged.js';

/** The receipt SIDs of a page, in order (non-strings skipped): for probes holding a raw exchange. */
export function pageSids(exchange: Exchange, contract: Contract): string[] {
  const items = asObject(exchange.response.json)?.[contract.paging.listKey];
  return Array.isArray(items)
    ? items.map((r) => asObject(r)?.sid).filter((s): s is string => typeof s === 'string')
    : [];
}

/** The meta object of a page body, or null: for probes holding a raw exchange. */
export function metaOf(exchange: Exchange): Record<string, unknown> | null {
  return asObject(asObject(exchange.response.json)?.meta);
}

/**
 * The index of the page an answer must be: what the probe knows (a walk, a followed link), else 0 for a request that
 * names no page (no PageToken, Page absent or 0); undefined when only the answer itself can say.
 */
export function knownPageIndex(ex: Judged, ctx: CheckContext): number | undefined {
  if (ctx.page !== undefined) return ctx.page;
  const page = ex.query.get('Page');
  return !ex.query.has('PageToken') && (page === null || page === '0') ? 0 : undefined;
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
