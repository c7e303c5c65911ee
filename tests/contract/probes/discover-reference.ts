import type { Scope } from '../../../spec/contract.js';
import type { SeenCopy } from '../../../spec/checks/index.js';
import { asObject, metaOf } from '../../../spec/checks/judged.js';
import { DEFAULT_MAX_RECEIPTS, discoveryPages } from './max-receipts.js';
import { listPath, MESSAGE_SETTING, type Reference } from './reference.js';
import type { Session } from './session.js';

type Json = Record<string, unknown>;

/** What discovery has found so far: each receipt once, in order. */
interface Found {
  receipts: Json[];
  sids: string[];
  copies: Map<string, SeenCopy>;
}

/** Adds a page's receipts to what was found, each sid once (a repeat is page_sequence's finding, not a new receipt). */
function keep(found: Found, items: unknown, at: string): void {
  for (const item of Array.isArray(items) ? items : []) {
    const receipt = asObject(item);
    const sid = receipt?.sid;
    if (!receipt || typeof sid !== 'string' || found.copies.has(sid)) continue;
    found.receipts.push(receipt);
    found.sids.push(sid);
    found.copies.set(sid, { receipt, at });
  }
}

/** What discovery read, for the report: the whole list, or where it stopped and why. */
function noteDiscovery(
  s: Session,
  scope: Scope,
  r: { n: number; pages: number; complete: boolean; limited: boolean; maxReceipts: number },
): void {
  const pages = `${r.pages} page(s) at PageSize ${s.contract.paging.pageSize.max}`;
  const why = r.limited
    ? `CONTRACT_MAX_RECEIPTS=${r.maxReceipts}`
    : 'the list could not be followed further: see the violations';
  const text = r.complete
    ? `${r.n} receipts in ${pages}: the whole list`
    : `stopped after ${r.n} receipts in ${pages}, before the list ended (${why}); ` +
      'the paging rules were held over these receipts, not the whole list';
  s.note('discovery', `${MESSAGE_SETTING[scope]}: ${text}`);
}

/**
 * Discovers the receipts of the scope's message through the list endpoint (no seed data is assumed): walks
 * next_page_url at the maximum PageSize until the list ends or `maxReceipts` are read, judging every page as a walk
 * does (each receipt once, meta.page, every link). The session keeps the findings for the discovery test.
 */
export async function discoverReference(
  s: Session,
  scope: Scope = 'service',
  maxReceipts = DEFAULT_MAX_RECEIPTS,
): Promise<Reference> {
  const size = s.contract.paging.pageSize.max;
  const found: Found = { receipts: [], sids: [], copies: new Map() };
  const visited: string[] = [];
  let path: string | null = listPath(s, `PageSize=${size}`, scope);
  let complete = false;
  let limited = false;
  while (path !== null) {
    // What is found so far is the walk's reference: a receipt seen on an earlier page is a repeat.
    const walk = { expected: found.sids, position: found.sids.length, visited: [...visited], complete: false };
    const ex = await s.probe(path, 'page', { walk, page: visited.length, pageSize: size });
    const meta = metaOf(ex);
    if (ex.response.status !== 200 || !meta) break;
    visited.push(path);
    keep(found, asObject(ex.response.json)?.[s.contract.paging.listKey], `GET ${path}`);
    complete = meta.next_page_url === null;
    limited = found.sids.length >= maxReceipts || visited.length >= discoveryPages(maxReceipts);
    if (complete || limited) break;
    const next = s.api.pathOf(meta.next_page_url);
    // A foreign link or a loop is reported by the checks; neither is followed.
    path = next !== null && !visited.includes(next) ? next : null;
  }
  noteDiscovery(s, scope, { n: found.sids.length, pages: visited.length, complete, limited, maxReceipts });
  return { scope, ...found, complete, discovery: s };
}
