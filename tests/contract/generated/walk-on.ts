import type { Api } from '../../../client/api.js';
import { redactViolation } from '../../../client/redact.js';
import type { Contract } from '../../../spec/contract.js';
import { judgeExchange, type CheckContext, type Exchange, type WalkState } from '../../../spec/checks/index.js';
import { metaOf, pageSids } from '../../../spec/checks/judged.js';
import type { Violation } from '../../../spec/violation.js';
import type { WalkPlan } from './gen-case.js';

/** What a walk on from a first page found: violations, each page's status, and the first page that broke a rule. */
export interface WalkOnResult {
  violations: Violation[];
  statuses: number[];
  broken: Exchange | null;
}

/** The walk state of the page at a position, after the pages visited. */
export function walkState(plan: WalkPlan, position: number, visited: string[]): WalkState {
  return { expected: plan.expected, position, visited, complete: plan.complete };
}

/**
 * Follows next_page_url from a first page (already judged) for at most `plan.pages` more pages and `room` requests,
 * judging each page as a fixed walk does: in order, each receipt once, meta.page counted along the walk.
 */
export async function walkOn(
  api: Api,
  contract: Contract,
  first: Exchange,
  size: number,
  plan: WalkPlan,
  room: number,
): Promise<WalkOnResult> {
  const out: WalkOnResult = { violations: [], statuses: [], broken: null };
  const visited = [first.request.path];
  let position = pageSids(first, contract).length;
  let next = api.pathOf(metaOf(first)?.next_page_url);
  for (let page = 1; page <= Math.min(plan.pages, room) && next !== null && !visited.includes(next); page++) {
    if (!plan.complete && position >= plan.expected.length) break; // past what the reference says: no verdict
    const ex = await api.get(next);
    out.statuses.push(ex.response.status);
    const ctx: CheckContext = {
      publicUrl: api.target.publicUrl,
      accountSid: api.target.accountSid,
      expect: 'page',
      pageSize: size,
      page,
      walk: walkState(plan, position, [...visited]),
    };
    const found = judgeExchange(ex, contract, ctx).map((v) => redactViolation(v, api.target));
    if (found.length > 0) {
      out.violations.push(...found);
      out.broken ??= ex;
    }
    const meta = metaOf(ex);
    if (ex.response.status !== 200 || !meta) break;
    visited.push(next);
    position += pageSids(ex, contract).length;
    next = api.pathOf(meta.next_page_url);
  }
  return out;
}
