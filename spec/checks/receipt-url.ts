import { show } from '../violation.js';
import type { Check } from './exchange.js';
import { originOf, violation } from './helpers.js';

/** receipt_url: url is absolute at the public origin and equals the fetch URL built from the receipt's own SIDs. */
export const receiptUrl: Check = {
  name: 'receipt_url',
  holds: "url is absolute at TARGET_PUBLIC_URL and equals the canonical fetch URL built from the receipt's own SIDs",
  applies: { expect: ['receipt', 'page'], status: 'ok' },
  run(exchange, contract, ctx) {
    const scope = exchange.route?.scope ?? 'service';
    const origin = new URL(ctx.publicUrl).origin;
    return exchange.receipts.flatMap(({ receipt, at }) => {
      const url = receipt.url;
      const actualOrigin = originOf(url);
      if (actualOrigin !== origin) {
        const what = actualOrigin ? `a foreign origin ${actualOrigin} (not followed)` : 'not an absolute URL';
        return [
          violation(
            'receipt_url',
            `${at}/url`,
            `expected an absolute URL at ${origin}, received ${what}: ${show(url)}`,
            origin,
            url,
          ),
        ];
      }
      const canonical = contract.paths.receiptUrl(origin, receipt, scope);
      return url === canonical
        ? []
        : [violation('receipt_url', `${at}/url`, `expected ${canonical}, received ${show(url)}`, canonical, url)];
    });
  },
};
