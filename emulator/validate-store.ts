import { contract } from '../spec/contract.js';
import { formatViolation } from '../spec/violation.js';
import { noFault } from './fault-hooks.js';
import { ReceiptRender } from './receipt-render.js';
import type { Store } from './store.js';

/** How many receipts of a large data set are validated at start (all of a small one). */
const SAMPLE = 2_000;

/** Validates receipts of a store against the contract, failing fast with the first violation and the receipt's SID. */
export function validateStore(store: Store, origin = contract.paths.productionOrigins[0]): void {
  const render = new ReceiptRender(store, origin, noFault, 0);
  const n = store.receipts.count;
  const step = n <= SAMPLE ? 1 : Math.floor(n / SAMPLE);
  for (let i = 0; i < n; i += step) {
    const service = store.services[store.conversations.service[store.messages.conv[store.receipts.msg[i]]]];
    const scope = service.isDefault ? 'default' : 'service';
    const receipt = render.object(i, scope);
    const [first] = contract.validate(scope === 'default' ? 'Receipt' : 'ServiceReceipt', receipt, 'dataset');
    if (first)
      throw new Error(`data set receipt ${String(receipt.sid)} breaks the contract: ${formatViolation(first)}`);
  }
}
