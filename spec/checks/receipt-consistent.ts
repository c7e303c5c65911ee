import type { Check } from './check.js';
import { movedViolations } from './receipt-moved.js';

/**
 * receipt_consistent: a receipt seen twice (fetched after it was listed, or listed again on another page) equals its
 * earlier copy, or has moved forward along the spec's lifecycle: receipts are live (OBSERVED.md).
 */
export const receiptConsistent: Check = {
  name: 'receipt_consistent',
  holds:
    'a receipt seen twice (listed, then fetched or listed again) equals its earlier copy or has moved forward: ' +
    "a later status along the spec's lifecycle with a later date_updated, every other field equal (dates as instants)",
  applies: { expect: ['receipt', 'page'], status: 'ok', needs: ['known'] },
  run(exchange, contract, ctx) {
    const copies = ctx.known;
    if (!copies) return [];
    // A fetch is compared with the copy of the receipt its path asks for, whatever sid it answers with.
    const asked = exchange.route?.op.name === 'fetch' ? exchange.route.params.Sid : undefined;
    return exchange.receipts.flatMap(({ receipt, at }) => {
      const sid = asked ?? receipt.sid;
      const copy = typeof sid === 'string' ? copies.get(sid) : undefined;
      return copy ? movedViolations(copy, receipt, at, contract) : [];
    });
  },
};
