import type { Check } from './check.js';
import { violation } from '../violation.js';

/** response_no_receipts: a request that must not see the receipts (wrong credentials, another account's, scope, or SID)
 * gets none. */
export const responseNoReceipts: Check = {
  name: 'response_no_receipts',
  holds:
    "requests with bad credentials, another account's credentials, or another scope or SID get no receipt data (404, 401, 403, 4xx or an empty page)",
  // A page for a forged PageToken is page_token_forged's to report; receipts of the same message are no leak.
  applies: { expect: ['unauthorized', 'not_found', 'rejected', 'hidden', 'other_tenant'] },
  run(exchange, contract) {
    const { body } = exchange;
    if (!body) return [];
    const items = body[contract.paging.listKey];
    if (Array.isArray(items) && items.length > 0) {
      return [
        violation(
          'response_no_receipts',
          `/${contract.paging.listKey}`,
          `expected no receipts, received ${items.length}`,
          0,
          items.length,
        ),
      ];
    }
    const sid = body.sid ?? body.account_sid;
    return sid === undefined
      ? []
      : [
          violation(
            'response_no_receipts',
            '',
            `expected no receipt, received one (${String(sid)})`,
            'no receipt',
            sid,
          ),
        ];
  },
};
