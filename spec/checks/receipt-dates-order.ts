import type { Check } from './check.js';
import { violation } from '../violation.js';

/** receipt_dates_order: date_updated, when set, is not before date_created. */
export const receiptDatesOrder: Check = {
  name: 'receipt_dates_order',
  holds: 'date_updated, when not null, is not before date_created',
  applies: { expect: ['receipt', 'page'], status: 'ok' },
  run(exchange) {
    return exchange.receipts.flatMap(({ receipt, at }) => {
      const created = Date.parse(String(receipt.date_created));
      const updated = Date.parse(String(receipt.date_updated));
      // Unparseable dates are receipt_schema's concern; this check compares only real instants.
      if (receipt.date_updated === null || Number.isNaN(created) || Number.isNaN(updated) || updated >= created)
        return [];
      return [
        violation(
          'receipt_dates_order',
          `${at}/date_updated`,
          `expected not before date_created ${String(receipt.date_created)}, received ${String(receipt.date_updated)}`,
          `>= ${String(receipt.date_created)}`,
          receipt.date_updated,
        ),
      ];
    });
  },
};
