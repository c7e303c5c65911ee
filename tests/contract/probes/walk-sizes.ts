import type { Contract } from '../../../spec/contract.js';
import { MESSAGE_SETTING, type Reference } from './reference.js';
import type { Session } from './session.js';
import { walk, type WalkedPage } from './walk.js';

/**
 * Pages one fixed walk requests at most. A walk at PageSize 1 over a real group message of 2 000 receipts would be
 * 2 000 requests: bounded, the small sizes walk a prefix, and the larger ones cross every page of the maximum size.
 */
export const WALK_PAGES = 20;

/** The fixed walks: the smallest sizes, an odd size that reaches past the second maximum page, one below the maximum. */
export type WalkKind = 'min' | 'small' | 'odd' | 'below-max';

/**
 * The PageSize of a fixed walk over `count` receipts, from the spec's bounds: `odd` is the smallest odd size above the
 * small ones that divides neither the maximum nor the count and whose bounded walk reaches past the second maximum
 * page; `below-max` the largest size below the maximum that does not divide the count (its pages end off the
 * maximum's boundaries).
 */
export function walkSize(kind: WalkKind, contract: Contract, count: number): number {
  const { min, max } = contract.paging.pageSize;
  const uneven = (k: number): boolean => max % k !== 0 && count % k !== 0;
  if (kind === 'min') return min;
  if (kind === 'small') return Math.min(min + 1, max);
  if (kind === 'odd') {
    const from = Math.max(min + 2, Math.ceil((2 * max + 1) / WALK_PAGES));
    for (let k = from + (from % 2 === 0 ? 1 : 0); k < max; k += 2) if (uneven(k)) return k;
    return Math.min(min + 2, max);
  }
  for (let k = max - 1; k > min; k--) if (count % k !== 0) return k;
  return max;
}

/** How much of the list a walk covered, in words for the report. */
function coverage(pages: WalkedPage[], ref: Reference): string {
  const seen = pages.reduce((n, p) => n + p.sids.length, 0);
  const head = `${pages.length} page(s)`;
  if (pages.at(-1)?.meta.next_page_url === null) return `${head}, ${seen} receipts: the whole list`;
  const first = `${head}, the first ${seen} receipts`;
  if (pages.length >= WALK_PAGES)
    return `${first} of ${ref.sids.length}: a prefix (a walk requests at most ${WALK_PAGES} pages)`;
  if (!ref.complete && seen >= ref.sids.length) return `${first}: as far as discovery read (CONTRACT_MAX_RECEIPTS)`;
  return `${first}: the walk stopped early (see the violations)`;
}

/** Walks at one of the fixed sizes, bounded, and says in the report how much of the list it covered. */
export async function walkAt(s: Session, ref: Reference, kind: WalkKind): Promise<void> {
  await walkBounded(s, ref, walkSize(kind, s.contract, ref.sids.length));
}

/** Walks at a PageSize, at most WALK_PAGES pages, and says in the report how much of the list it covered. */
export async function walkBounded(s: Session, ref: Reference, size: number): Promise<void> {
  const pages = await walk(s, size, ref, { maxPages: WALK_PAGES });
  if (pages.length > 0) s.note(`walk at PageSize ${size}`, `${MESSAGE_SETTING[ref.scope]}: ${coverage(pages, ref)}`);
}
