import { show, showDifference, violation, type Violation } from '../violation.js';
import type { Check } from './check.js';
import { baseOf, outsideBase, pathUnder } from '../links.js';

/** receipt_url: url is absolute at the public base URL and equals the fetch URL built from the receipt's own SIDs. */
export const receiptUrl: Check = {
  name: 'receipt_url',
  holds: "url is absolute at TARGET_PUBLIC_URL and equals the canonical fetch URL built from the receipt's own SIDs",
  applies: { expect: ['receipt', 'page'], status: 'ok' },
  run(exchange, contract, ctx) {
    const scope = exchange.route?.scope ?? 'service';
    // the public origin and its path prefix (a gateway's), if any: every link is written under both
    const base = baseOf(ctx.publicUrl);
    const out: Violation[] = [];
    for (const { receipt, at } of exchange.receipts) {
      const url = receipt.url;
      // the canonical URL is absolute under the base by construction: equal to it, the url holds both rules
      const canonical = contract.paths.receiptUrl(base, receipt, scope);
      if (url === canonical) continue;
      // The same URL spelled otherwise (an explicit default port, an upper-case host: RFC 3986 6.2.2-6.2.3) names the
      // same receipt; compared as parsed only when the text differs, so the usual answer costs no parsing.
      const path = pathUnder(url, base);
      if (path !== null && path === pathUnder(canonical, base)) continue;
      const what = outsideBase(url, base);
      out.push(
        what !== null
          ? violation(
              'receipt_url',
              `${at}/url`,
              `expected an absolute URL at ${base}, received ${what}: ${show(url)}`,
              base,
              url,
            )
          : violation(
              'receipt_url',
              `${at}/url`,
              // a receipt URL is longer than show() keeps: the received one is shown from where it differs
              `expected ${canonical}, received ${typeof url === 'string' ? showDifference(url, canonical) : show(url)}`,
              canonical,
              url,
            ),
      );
    }
    return out;
  },
};
