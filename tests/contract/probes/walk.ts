import { metaOf, pageSids } from '../../../spec/checks/judged.js';
import { listPath, needReceipts, type Reference } from './reference.js';
import type { Session } from './session.js';

/** One page seen on a walk: where it was requested, its receipt SIDs and its meta links. */
export interface WalkedPage {
  path: string;
  sids: string[];
  meta: Record<string, unknown>;
}

/** How a walk runs: judged against the reference (order, and each receipt against its discovered copy), and bounded. */
export interface WalkOptions {
  judgeOrder?: boolean;
  /** Pages requested at most: the walk stops there (a prefix of the list), with no verdict on the rest. */
  maxPages?: number;
}

/** Walks next_page_url from the first page at a PageSize, judging each page against the reference; ends on loops. */
export async function walk(
  s: Session,
  pageSize: number,
  ref: Reference,
  { judgeOrder = true, maxPages = Infinity }: WalkOptions = {},
): Promise<WalkedPage[]> {
  const pages: WalkedPage[] = [];
  if (!needReceipts(s, ref)) return pages;
  // A correct walk needs fewer pages; a next link from the last of these is meta_next_page_url's finding (a loop).
  // A PageSize above the maximum may be clamped: its pages hold the maximum, so count pages of the size in force.
  const loopGuard = Math.ceil(ref.sids.length / Math.min(pageSize, s.contract.paging.pageSize.max)) + 2;
  let path: string | null = listPath(s, `PageSize=${pageSize}`, ref.scope);
  let position = 0;
  while (path !== null && pages.length < loopGuard) {
    const visited = pages.map((p) => p.path);
    const state = { expected: ref.sids, position, visited, complete: ref.complete, maxPages: loopGuard };
    // The walk knows which page this is and its size, however the links spell them.
    // Each receipt is held to its discovered copy (equal, or moved forward); the order only when asked.
    const place = { page: pages.length, pageSize, known: ref.copies };
    const ex = await s.probe(path, 'page', judgeOrder ? { walk: state, ...place } : place);
    const meta = metaOf(ex);
    if (ex.response.status !== 200 || !meta) break;
    const sids = pageSids(ex, s.contract);
    pages.push({ path, sids, meta });
    position += sids.length;
    // Enough pages, or the whole reference prefix: a walk says nothing past what discovery read.
    if (pages.length >= maxPages || (!ref.complete && position >= ref.sids.length)) break;
    const next = s.api.pathOf(meta.next_page_url);
    // A foreign link or a loop is reported by the checks; neither is followed.
    path = next !== null && next !== path && !visited.includes(next) ? next : null;
  }
  return pages;
}
