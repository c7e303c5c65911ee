import type { Scope } from '../../../spec/contract.js';
import { metaOf } from '../../../spec/checks/judged.js';
import { hasMessage, listPath, messageParams, type Reference } from '../probes/reference.js';
import type { Session } from '../probes/session.js';
import { spread } from '../probes/spread.js';

/** The other scope's receipts the generators use at most. */
const FOREIGN_RECEIPTS = 12;

/** A PageToken the target issued, with the PageSize of the page that linked to it. */
export interface IssuedToken {
  token: string;
  size: number;
}

/** What the generators draw from in one scope: the target's message, receipts, tokens, another scope's SIDs. */
export interface Known {
  scope: Scope;
  params: Record<string, string>;
  receipts: string[];
  /** True when `receipts` is the whole list (discovery did not stop early). */
  complete: boolean;
  tokens: IssuedToken[];
  /** The other scope's message (another service's conversation and message), when the target names one. */
  foreign: { params: Record<string, string>; receipts: string[]; tokens: IssuedToken[] } | null;
}

/** Issued tokens from the first page at the smallest sizes (one request each, judged as pages). */
async function harvestTokens(s: Session, scope: Scope): Promise<IssuedToken[]> {
  const sizes = [...new Set([s.contract.paging.pageSize.min, s.contract.paging.pageSize.min + 1])];
  const found: IssuedToken[] = [];
  for (const size of sizes) {
    const ex = await s.probe(listPath(s, `PageSize=${size}`, scope), 'page');
    const next = s.api.pathOf(metaOf(ex)?.next_page_url);
    const token = next === null ? null : new URLSearchParams(next.split('?')[1] ?? '').get('PageToken');
    if (token) found.push({ token, size });
  }
  return found;
}

/** Discovers what a scope's generators need; `refs` are the references the suite already discovered. */
export async function discoverKnown(
  s: Session,
  scope: Scope,
  refs: Partial<Record<Scope, Reference | null>>,
): Promise<Known> {
  const other: Scope = scope === 'service' ? 'default' : 'service';
  const target = s.api.target;
  const tokens = await harvestTokens(s, scope);
  const otherRef = refs[other];
  const foreign =
    hasMessage(target, other) && otherRef
      ? {
          params: messageParams(target, undefined, other),
          // A sample over the whole list: each is a swap example on fetch, and a long list must not crowd the budget.
          receipts: spread(otherRef.sids, FOREIGN_RECEIPTS),
          tokens: await harvestTokens(s, other),
        }
      : null;
  const ref = refs[scope];
  const receipts = ref?.sids ?? [];
  return {
    scope,
    params: messageParams(target, undefined, scope),
    receipts,
    complete: ref?.complete ?? false,
    tokens,
    foreign,
  };
}
