import { show, violation } from '../violation.js';
import type { Check } from './check.js';
import { baseOf, outsideBase } from '../links.js';

/** receipt_url: url is absolute at the public base URL and equals the fetch URL built from the receipt's own SIDs. */
export const receiptUrl: Check = {
  name: 'receipt_url',
  holds: "url is absolute at TARGET_PUBLIC_URL and equals the canonical fetch URL built from the receipt's own SIDs",
  applies: { expect: ['receipt', 'page'], status: 'ok' },
  run(exchange, contract, ctx) {
    const scope = exchange.route?.scope ?? 'service';
    // the public origin and its path prefix (a gateway's), if any: every link is written under both
    const base = baseOf(ctx.publicUrl);
    return exchange.receipts.flatMap(({ receipt, at }) => {
      const url = receipt.url;
      const what = outsideBase(url, base);
      if (what !== null) {
        return [
          violation(
            'receipt_url',
            `${at}/url`,
            `expected an absolute URL at ${base}, received ${what}: ${show(url)}`,
            base,
            url,
          ),
        ];
      }
      const canonical = contract.paths.receiptUrl(base, receipt, scope);
      return url === canonical
        ? []
        : [violation('receipt_url', `${at}/url`, `expected ${canonical}, received ${show(url)}`, canonical, url)];
    });
  },
};
