import { show, violation } from '../violation.js';
import type { Check } from './check.js';
import { knownPageIndex } from './check-context.js';

/** meta_page: meta.page is the index of the page actually served (0 first, one more along each next_page_url). */
export const metaPage: Check = {
  name: 'meta_page',
  holds:
    'meta.page is the index of the page served: 0 for the first, one more along each next_page_url, the page a followed link names',
  applies: { expect: ['page'], operation: 'list', status: 'ok' },
  run(exchange, _contract, ctx) {
    const { meta } = exchange;
    if (!meta) return [];
    const index = knownPageIndex(exchange, ctx);
    // Where neither the walk nor the request says which page this is, only the answer knows.
    // A page that is not an integer from 0 is page_schema's concern.
    if (index === undefined || meta.page === index || !Number.isInteger(meta.page) || (meta.page as number) < 0)
      return [];
    const where = ctx.page === undefined ? 'a request that names no page is page 0' : 'counted along the walk';
    return [
      violation(
        'meta_page',
        '/meta/page',
        `expected ${index} (${where}), received ${show(meta.page)}`,
        index,
        meta.page,
      ),
    ];
  },
};
