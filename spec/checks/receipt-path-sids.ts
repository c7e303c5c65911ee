import { show, violation, type Violation } from '../violation.js';
import { RECEIPT_FIELD_OF } from '../paths.js';
import type { Check } from './check.js';

/** receipt_path_sids: the SIDs in the body equal the ones in the request path (service, conversation, message, receipt). */
export const receiptPathSids: Check = {
  name: 'receipt_path_sids',
  holds: "each receipt's SIDs equal the path's (service, conversation, message, and sid on fetch)",
  applies: { expect: ['receipt', 'page', 'page_size'], status: 'ok' },
  run(exchange, contract) {
    const { route } = exchange;
    if (!route) return [];
    const out: Violation[] = [];
    for (const { receipt, at } of exchange.receipts) {
      for (const param in route.params) {
        const value = route.params[param];
        const field = RECEIPT_FIELD_OF[param];
        // A conversation may be addressed by unique name: only a SID-shaped path value can be compared.
        if (!field || value === undefined || receipt[field] === value) continue;
        if (field === 'conversation_sid' && !contract.sids.pattern('conversation_sid').test(value)) continue;
        const message = `expected ${show(value)} from the path, received ${show(receipt[field])}`;
        out.push(violation('receipt_path_sids', `${at}/${field}`, message, value, receipt[field]));
      }
    }
    return out;
  },
};
