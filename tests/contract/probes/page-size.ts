import { metaOf, pageSids } from '../../../spec/checks/judged.js';
import { listPath, MIN_RECEIPTS, type Reference } from './reference.js';
import type { Session } from './session.js';
import { walkBounded } from './walk-sizes.js';

/** PageSize below the minimum, negative and not a number: each must be rejected with a Twilio 4xx. */
export async function pageSizeInvalid(s: Session): Promise<void> {
  for (const size of [String(s.contract.paging.pageSize.min - 1), '-1', 'abc'])
    await s.probe(listPath(s, `PageSize=${size}`), 'rejected');
}

/**
 * PageSize above the maximum: rejected or clamped (both documented readings); the report says which one the target
 * chose. A clamp must page on consistently: its next_page_url, walked, visits every receipt once, in order.
 */
export async function pageSizeAboveMax(s: Session, ref: Reference): Promise<void> {
  const size = s.contract.paging.pageSize.max + 1;
  const ex = await s.probe(listPath(s, `PageSize=${size}`), 'page_size');
  const { status } = ex.response;
  if (status >= 400 && status < 500) s.note('PageSize above max', `PageSize=${size} rejected with HTTP ${status}`);
  if (status === 200) {
    s.note(
      'PageSize above max',
      `PageSize=${size} clamped: ${pageSids(ex, s.contract).length} items, meta.page_size ${String(metaOf(ex)?.page_size)}`,
    );
    // Too few receipts is the other walks' precondition failure, not this test's.
    if (ref.sids.length >= MIN_RECEIPTS) await walkBounded(s, ref, size);
  }
}
