import { show } from '../violation.js';
import type { Check } from './exchange.js';
import { isPage, linkPath, metaOf, pageSids, violation } from './helpers.js';

/** meta_next_page_url: a link while receipts remain, null after the last one, and never back to a page already visited. */
export const metaNextPageUrl: Check = {
  name: 'meta_next_page_url',
  holds: 'next_page_url links on while receipts remain, is null on the last page, and never leads back to a visited page',
  run(exchange, contract, ctx) {
    const meta = metaOf(exchange);
    const walk = ctx.walk;
    if (!walk || !meta || !isPage(exchange, contract)) return [];
    const at = '/meta/next_page_url';
    const next = meta.next_page_url;
    const reached = walk.position + pageSids(exchange, contract).length;
    const remaining = walk.expected.length - reached;
    if (next === null) {
      return remaining > 0 ? [violation('meta_next_page_url', at, `the walk ends after ${reached} of ${walk.expected.length} receipts`, 'a link', null)] : [];
    }
    if (remaining <= 0 && walk.complete) return [violation('meta_next_page_url', at, `expected null after the last receipt, received ${show(next)}`, null, next)];
    const path = linkPath(next);
    if (path !== null && (path === exchange.request.path || walk.visited.includes(path))) {
      return [violation('meta_next_page_url', at, `leads back to a page already visited (a loop): ${show(next)}`, 'a new page', next)];
    }
    return [];
  },
};
