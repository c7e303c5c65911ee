import type { Scope } from '../../../spec/contract.js';
import type { Reference } from './reference.js';
import { listPath, MESSAGE_SETTING, needReceipts } from './reference.js';
import type { Session } from './session.js';

/** The list at the documented default PageSize: envelope, meta and every item. */
export async function listDefault(s: Session, ref: Reference): Promise<void> {
  await s.probe(listPath(s, '', ref.scope), 'page');
  if (!needReceipts(s, ref)) return;
  // The documentation allows a null status where Twilio's OpenAPI enum does not: say which the target uses.
  const nulls = ref.receipts.filter((r) => r.status === null).length;
  s.note(
    'status null',
    `${MESSAGE_SETTING[ref.scope]}: ${nulls} of ${ref.receipts.length} receipts have status null${nulls ? ' (accepted: the documentation allows it)' : ''}`,
  );
}

/** The list at small PageSizes (the minimum and 2): meta.page_size equals the request and the items pass the receipt checks. */
export async function listRequestedSize(s: Session, scope: Scope = 'service'): Promise<void> {
  const sizes = [...new Set([s.contract.paging.pageSize.min, 2])];
  for (const size of sizes) await s.probe(listPath(s, `PageSize=${size}`, scope), 'page');
}
