import { show, violation, type Violation } from '../violation.js';
import type { Check } from './check.js';

/** receipt_account_sid: every receipt belongs to the account that authenticated. */
export const receiptAccountSid: Check = {
  name: 'receipt_account_sid',
  holds: 'account_sid equals the authenticated account',
  applies: { expect: ['receipt', 'page', 'page_size'], status: 'ok' },
  run(exchange, _contract, ctx) {
    const out: Violation[] = [];
    for (const { receipt, at } of exchange.receipts) {
      if (receipt.account_sid === ctx.accountSid) continue;
      const message = `expected the authenticated account ${show(ctx.accountSid)}, received ${show(receipt.account_sid)}`;
      out.push(violation('receipt_account_sid', `${at}/account_sid`, message, ctx.accountSid, receipt.account_sid));
    }
    return out;
  },
};
