import fc from 'fast-check';
import type { Contract } from '../../../spec/contract.js';
import type { QueryValue } from './query-cases.js';
import type { Known } from './known.js';

/** More pages a generated walk follows at most after its first: a few boundaries of a drawn size, a few requests. */
export const WALK_MORE = 3;

/** The walk family's case: the first page at a size, then `more` pages along next_page_url, judged as a walk. */
export function walkCase(contract: Contract, known: Known, size: number, more: number): QueryValue {
  const reach = (1 + more) * size;
  const expected = known.receipts.slice(0, reach);
  const complete = known.complete && expected.length === known.receipts.length;
  return {
    family: 'walk',
    kind: size % 2 === 1 ? 'odd-size' : 'even-size',
    query: `PageSize=${size}`,
    // A size inside the bounds must be served; the walk's pages are judged by the same checks as a fixed walk.
    plan: { onOk: 'page', onError: 'page', pageSizes: [size], walk: { pages: more, expected, complete } },
  };
}

/** A drawn size inside the bounds, and how many pages to walk on from the first. */
export function walkValue(contract: Contract, known: Known): fc.Arbitrary<QueryValue> {
  const { min, max } = contract.paging.pageSize;
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: WALK_MORE }))
    .map(([size, more]) => walkCase(contract, known, size, more));
}

/** The example walk sent before any drawn case: an odd size the fixed walks do not use, the most pages. */
export function walkExample(contract: Contract, known: Known): QueryValue {
  const { min, max } = contract.paging.pageSize;
  return walkCase(contract, known, Math.min(min + 2, max), WALK_MORE);
}
