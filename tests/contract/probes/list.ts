import type { Reference } from './reference.js';
import { listPath, needReceipts } from './reference.js';
import type { Session } from './session.js';

/** The list at the documented default PageSize: envelope, meta and every item. */
export async function listDefault(s: Session, ref: Reference): Promise<void> {
  await s.probe(listPath(s), 'page');
  needReceipts(s, ref);
}

/** The list at small PageSizes (the minimum and 2): meta.page_size equals the request and the items pass the receipt checks. */
export async function listRequestedSize(s: Session): Promise<void> {
  const sizes = [...new Set([s.contract.pageSize.min, 2])];
  for (const size of sizes) await s.probe(listPath(s, `PageSize=${size}`), 'page');
}
