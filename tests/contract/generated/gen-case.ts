import type { OperationName, Scope } from '../../../spec/contract.js';
import type { AuthMode, Expectation } from '../../../spec/checks/index.js';

/** The family of inputs a generated case belongs to (point 1 of the issue), and the coverage table's rows. */
export type Family = 'page-size' | 'page' | 'page-token' | 'query-shape' | 'path' | 'auth' | 'walk';

/**
 * A walk on from a 200 first page: how many more pages to follow along next_page_url, and the receipt SIDs the walk
 * must visit in order (the reference's, from the first, as far as the walk reaches), complete when they are the list.
 */
export interface WalkPlan {
  pages: number;
  expected: string[];
  complete: boolean;
}

/**
 * How the answer is judged. A correct server may answer some requests either way (a trailing slash: 404 or the
 * same page), so the expectation is chosen from the status: onOk for a 200, onError for anything else.
 */
export interface Plan {
  onOk: Expectation;
  onError: Expectation;
  /** PageSizes a 200 may report (a repeated or misspelt PageSize may be read either way); the first is the default. */
  pageSizes?: number[];
  /** A 200 is judged as if this path had been sent (a case-insensitive server answers the canonical SID's resource). */
  judgeAs?: string;
  /** Follow next_page_url on from a 200, judging every page as a walk (the walk family). */
  walk?: WalkPlan;
}

/** One generated request with its oracle: concrete, so a failure can be saved and replayed as it was. */
export interface GenCase {
  op: OperationName;
  scope: Scope;
  family: Family;
  /** The input class within its family (`inside`, `past-end`, `swap-parent`): a coverage row, part of a cause. */
  kind: string;
  /** Path and query relative to TARGET_URL. */
  path: string;
  auth: AuthMode;
  plan: Plan;
}

/** A strict plan: the same expectation whatever the status. */
export function always(expect: Expectation, pageSizes?: number[]): Plan {
  return { onOk: expect, onError: expect, ...(pageSizes ? { pageSizes } : {}) };
}

/** A plan for requests a correct server may answer or refuse: judged as `ok` on a 200, as a rejection otherwise. */
export function either(ok: Expectation, otherwise: Expectation = 'rejected', extra: Partial<Plan> = {}): Plan {
  return { onOk: ok, onError: otherwise, ...extra };
}

/** A case's request: its credentials and path (a walk is its first page's); what coverage counts as distinct. */
export function requestKey(c: Pick<GenCase, 'auth' | 'path'>): string {
  return `${c.auth} ${c.path}`;
}

/** The input class of a case, as the coverage table and the dedup key name it. */
export function inputClass(c: Pick<GenCase, 'family' | 'kind'>): string {
  return `${c.family}:${c.kind}`;
}

/**
 * A case: its request and its class, which decides how the answer is judged (the same first page is a page-size case
 * and, walked on, a walk case), so a case is not sent again only when both are the same.
 */
export function caseKey(c: Pick<GenCase, 'auth' | 'path' | 'family' | 'kind'>): string {
  return `${inputClass(c)} ${requestKey(c)}`;
}
