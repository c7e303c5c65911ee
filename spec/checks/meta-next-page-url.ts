import { show, violation } from '../violation.js';
import type { Check } from './check.js';
import { baseOf, pathUnder } from '../links.js';

/** meta_next_page_url: a link while receipts remain, null after the last one, and never back to a page already visited. */
export const metaNextPageUrl: Check = {
  name: 'meta_next_page_url',
  holds:
    'next_page_url links on while receipts remain, is null on the last page, and never leads back to a visited page or on past the pages the receipts fill',
  applies: { operation: 'list', status: 'ok', needs: ['walk'] },
  run(exchange, _contract, ctx) {
    const { meta } = exchange;
    const walk = ctx.walk;
    if (!walk || !meta) return [];
    const at = '/meta/next_page_url';
    const next = meta.next_page_url;
    const reached = walk.position + exchange.sids.length;
    const remaining = walk.expected.length - reached;
    if (next === null) {
      return remaining > 0
        ? [
            violation(
              'meta_next_page_url',
              at,
              `the walk ends after ${reached} of ${walk.expected.length} receipts`,
              'a link',
              null,
            ),
          ]
        : [];
    }
    if (remaining <= 0 && walk.complete)
      return [
        violation('meta_next_page_url', at, `expected null after the last receipt, received ${show(next)}`, null, next),
      ];
    // a link outside the public base URL is meta_urls' finding; one under it is compared as the path it sends
    const path = pathUnder(next, baseOf(ctx.publicUrl));
    if (path !== null && (path === exchange.request.path || walk.visited.includes(path))) {
      return [
        violation(
          'meta_next_page_url',
          at,
          `leads back to a page already visited (a loop): ${show(next)}`,
          'a new page',
          next,
        ),
      ];
    }
    const pages = walk.visited.length + 1;
    if (walk.maxPages !== undefined && pages >= walk.maxPages) {
      const need = `${walk.expected.length} receipts need fewer than ${walk.maxPages} pages`;
      return [violation('meta_next_page_url', at, `links on after ${pages} pages (${need}): a loop?`, null, next)];
    }
    return [];
  },
};
