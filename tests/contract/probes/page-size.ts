import { metaOf, pageSids } from '../../../spec/checks/judged.js';
import { listPath } from './reference.js';
import type { Session } from './session.js';

/** PageSize below the minimum, negative and not a number: each must be rejected with a Twilio 4xx. */
export async function pageSizeInvalid(s: Session): Promise<void> {
  for (const size of [String(s.contract.paging.pageSize.min - 1), '-1', 'abc'])
    await s.probe(listPath(s, `PageSize=${size}`), 'rejected');
}

/** PageSize above the maximum: rejected or clamped (both documented readings); the report says which one the target chose. */
export async function pageSizeAboveMax(s: Session): Promise<void> {
  const size = s.contract.paging.pageSize.max + 1;
  const ex = await s.probe(listPath(s, `PageSize=${size}`), 'page_size');
  const { status } = ex.response;
  if (status >= 400 && status < 500) s.note('PageSize above max', `PageSize=${size} rejected with HTTP ${status}`);
  if (status === 200) {
    s.note(
      'PageSize above max',
      `PageSize=${size} clamped: ${pageSids(ex, s.contract).length} items, meta.page_size ${String(metaOf(ex)?.page_size)}`,
    );
  }
}
