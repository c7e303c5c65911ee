import type { Judged } from './judged.js';

/**
 * What the probe expects from this exchange:
 * receipt/page: a 200 with one receipt / one page; unauthorized: 401; not_found: 404; rejected: any 4xx;
 * hidden: 404 or an empty page; page_size: PageSize outside its bounds (4xx, or clamped where the docs allow it);
 * page_token: a PageToken the server never issued (a 4xx); other_tenant: another account's request for
 * this account's receipts (401, 403, 404 or an empty page); throttled: a 429 the client got before its final answer
 * (Twilio's 429 error, like any other error answer).
 */
export type Expectation =
  | 'receipt'
  | 'page'
  | 'unauthorized'
  | 'not_found'
  | 'rejected'
  | 'hidden'
  | 'page_size'
  | 'page_token'
  | 'other_tenant'
  | 'throttled';

/** A copy of a receipt seen before, and where: the request that returned it (e.g. `GET …/Receipts?PageSize=50`). */
export interface SeenCopy {
  receipt: Record<string, unknown>;
  at: string;
}

/** A page walk in progress: the reference order of receipt SIDs, where this page should start, and pages seen. */
export interface WalkState {
  expected: string[];
  position: number;
  /** Paths (with query) of the pages requested before this one. */
  visited: string[];
  /** True when `expected` is the whole collection, so the walk must end exactly at its end. */
  complete: boolean;
  /** The most pages a correct walk over `expected` needs (with room to spare), when the walk knows it: a next link
   * from the page at that count leads past every page the receipts fill (a loop of ever new links). */
  maxPages?: number;
}

/** Everything a check may know beyond the exchange itself; set by the probe that made the request. */
export interface CheckContext {
  /** Origin the target writes into links (TARGET_PUBLIC_URL). */
  publicUrl: string;
  /** The authenticated account (TARGET_ACCOUNT_SID). */
  accountSid: string;
  expect: Expectation;
  /** What a 200 would have been judged as, when a 200 was allowed too (a generated case that accepts either). */
  orOk?: Expectation;
  /**
   * Copies of receipts seen before (discovery's pages, a list), by sid: a receipt of this answer (a fetch: the one its
   * path asks for) must equal its copy, or have moved forward along the spec's lifecycle.
   */
  known?: ReadonlyMap<string, SeenCopy>;
  walk?: WalkState;
  /** The page a followed link must reproduce: which link, and the receipt SIDs of that page. */
  reproduce?: { link: string; sids: string[] };
  /** The index of the page this answer must be, when the probe knows it (counted along next_page_url from 0). */
  page?: number;
  /** The PageSize the probe asked for, when it knows it (a followed link need not spell it). */
  pageSize?: number;
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
