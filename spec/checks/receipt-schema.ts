import type { Violation } from '../violation.js';
import type { Check } from './check.js';

/** receipt_schema: every receipt (fetched or listed) has every documented field with its documented type, pattern, enum and format. */
export const receiptSchema: Check = {
  name: 'receipt_schema',
  holds:
    'each receipt has every documented field with its type, SID pattern and length, status enum (or null), integer error_code, RFC 3339 dates, absolute url',
  applies: { expect: ['receipt', 'page'], status: 'ok' },
  run(exchange, contract) {
    const scope = exchange.route?.scope;
    const schema = scope === 'service' ? 'ServiceReceipt' : 'Receipt';
    const out: Violation[] = [];
    for (const { receipt, at } of exchange.receipts)
      for (const v of contract.validate(schema, receipt, 'receipt_schema'))
        out.push(at ? { ...v, pointer: at + v.pointer } : v);
    return out;
  },
};
