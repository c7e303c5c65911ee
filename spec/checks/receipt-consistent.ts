import { jsonEqual } from '../json-bounded.js';
import { pointer, show } from '../violation.js';
import type { Check } from './exchange.js';
import { violation } from './helpers.js';

/** True when two values of a field are the same: dates as instants (`Z` and `+00:00` agree), others deeply equal. */
function same(field: string, a: unknown, b: unknown, dateFields: readonly string[]): boolean {
  if (dateFields.includes(field) && typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [Date.parse(a), Date.parse(b)];
    if (!Number.isNaN(x) && x === y) return true;
  }
  // jsonEqual, not isDeepStrictEqual: an extra field nested 100 000 deep must compare, not overflow the stack
  return jsonEqual(a, b);
}

/** receipt_consistent: a receipt fetched by its sid or its url equals the copy seen before (in the list). */
export const receiptConsistent: Check = {
  name: 'receipt_consistent',
  holds: 'a receipt fetched by its sid or by its url equals the copy in the list, field by field (dates as instants)',
  applies: { expect: ['receipt'], status: 'ok', needs: ['known'] },
  run(exchange, contract, ctx) {
    const known = ctx.known ?? {};
    return exchange.receipts.flatMap(({ receipt }) => {
      const keys = [...new Set([...Object.keys(known), ...Object.keys(receipt)])];
      return keys
        .filter((k) => !same(k, known[k], receipt[k], contract.receipts.dateFields))
        .map((k) =>
          violation(
            'receipt_consistent',
            pointer('', k),
            `expected ${show(known[k])} as listed, received ${show(receipt[k])}`,
            known[k],
            receipt[k],
          ),
        );
    });
  },
};
