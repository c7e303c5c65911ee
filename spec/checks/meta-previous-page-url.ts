import { show } from '../violation.js';
import type { Check } from './exchange.js';
import { isPage, metaOf, queryOf, violation } from './helpers.js';

/** meta_previous_page_url: null on the first page, a link on every later page. */
export const metaPreviousPageUrl: Check = {
  name: 'meta_previous_page_url',
  holds: 'previous_page_url is null on the first page and a link on every later page',
  run(exchange, contract, ctx) {
    const meta = metaOf(exchange);
    if (ctx.expect !== 'page' || !meta || !isPage(exchange, contract)) return [];
    const query = queryOf(exchange);
    const page = query.get('Page');
    const first = !query.has('PageToken') && (page === null || page === '0');
    const link = meta.previous_page_url;
    if (first && link !== null) return [violation('meta_previous_page_url', '/meta/previous_page_url', `expected null on the first page, received ${show(link)}`, null, link)];
    if (!first && typeof link !== 'string') return [violation('meta_previous_page_url', '/meta/previous_page_url', `expected a link back on a later page, received ${show(link)}`, 'a link', link)];
    return [];
  },
};
