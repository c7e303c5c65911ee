import { jsonEqual } from '../json-bounded.js';
import { pointer, show } from '../violation.js';
import type { Check } from './exchange.js';
import { receiptsOf, violation } from './helpers.js';

/** receipt_consistent: a receipt fetched by its sid or its url equals the copy seen before (in the list). */
export const receiptConsistent: Check = {
  name: 'receipt_consistent',
  holds: 'a receipt fetched by its sid or by its url equals the copy in the list, field by field',
  run(exchange, contract, ctx) {
    const known = ctx.known;
    if (!known || ctx.expect !== 'receipt') return [];
    return receiptsOf(exchange, contract).flatMap(({ receipt }) => {
      // jsonEqual, not isDeepStrictEqual: an extra field nested 100 000 deep must compare, not overflow the stack
      const keys = [...new Set([...Object.keys(known), ...Object.keys(receipt)])];
      return keys
        .filter((k) => !jsonEqual(known[k], receipt[k]))
        .map((k) => violation('receipt_consistent', pointer('', k), `expected ${show(known[k])} as listed, received ${show(receipt[k])}`, known[k], receipt[k]));
    });
  },
};
