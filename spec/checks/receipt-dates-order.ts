import type { Check } from './check.js';
import { violation, type Violation } from '../violation.js';

/** UTC to the second, a day every month has: as text in this form, later instants sort later (no Date.parse). */
const PLAIN_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** True unless both are real instants and `updated` is before `created` (unparseable dates: receipt_schema's). */
function notBefore(updated: unknown, created: unknown): boolean {
  if (typeof updated === 'string' && typeof created === 'string' && PLAIN_UTC.test(updated) && PLAIN_UTC.test(created))
    return updated >= created;
  const [u, c] = [Date.parse(String(updated)), Date.parse(String(created))];
  return Number.isNaN(u) || Number.isNaN(c) || u >= c;
}

/** receipt_dates_order: date_updated, when set, is not before date_created. */
export const receiptDatesOrder: Check = {
  name: 'receipt_dates_order',
  holds: 'date_updated, when not null, is not before date_created',
  applies: { expect: ['receipt', 'page'], status: 'ok' },
  run(exchange) {
    const out: Violation[] = [];
    for (const { receipt, at } of exchange.receipts) {
      const { date_created: created, date_updated: updated } = receipt;
      // never updated, or updated in the same instant as written: nothing to compare
      if (updated === null || updated === created || notBefore(updated, created)) continue;
      const message = `expected not before date_created ${String(created)}, received ${String(updated)}`;
      out.push(violation('receipt_dates_order', `${at}/date_updated`, message, `>= ${String(created)}`, updated));
    }
    return out;
  },
};
