import { metaOf, pageSids } from '../../../spec/checks/helpers.js';
import { listPath, needReceipts, type Reference } from './reference.js';
import type { Session } from './session.js';

/** One page seen on a walk: where it was requested, its receipt SIDs and its meta links. */
export interface WalkedPage {
  path: string;
  sids: string[];
  meta: Record<string, unknown>;
}

/** Walks next_page_url from the first page at a PageSize, judging each page against the reference order; ends on loops. */
export async function walk(
  s: Session,
  pageSize: number,
  ref: Reference,
  judgeOrder = true,
  stopAfter = Infinity,
): Promise<WalkedPage[]> {
  const pages: WalkedPage[] = [];
  if (!needReceipts(s, ref)) return pages;
  const maxPages = Math.ceil(ref.sids.length / pageSize) + 2; // the loop guard: a correct walk needs fewer
  let path: string | null = listPath(s, `PageSize=${pageSize}`, ref.scope);
  let position = 0;
  while (path !== null) {
    if (pages.length >= maxPages) {
      s.fail(
        'meta_next_page_url',
        '/meta/next_page_url',
        `the walk at PageSize=${pageSize} did not end after ${maxPages} pages (a loop?)`,
      );
      break;
    }
    const visited = pages.map((p) => p.path);
    const state = { expected: ref.sids, position, visited, complete: ref.complete };
    // The walk knows which page this is and its size, however the links spell them.
    const known = { page: pages.length, pageSize };
    const ex = await s.probe(path, 'page', judgeOrder ? { walk: state, ...known } : known);
    const meta = metaOf(ex);
    if (ex.response.status !== 200 || !meta) break;
    const sids = pageSids(ex, s.contract);
    pages.push({ path, sids, meta });
    position += sids.length;
    if (pages.length >= stopAfter || (!ref.complete && position >= ref.sids.length)) break; // enough pages, or the whole reference prefix
    const next = s.api.pathOf(meta.next_page_url);
    // A foreign link or a loop is reported by the checks; neither is followed.
    path = next !== null && next !== path && !visited.includes(next) ? next : null;
  }
  return pages;
}
