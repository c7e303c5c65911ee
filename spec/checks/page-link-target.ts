import type { Check } from './check.js';
import { violation } from '../violation.js';

/** page_link_target: following first_page_url, meta.url or previous_page_url reproduces the page it names. */
export const pageLinkTarget: Check = {
  name: 'page_link_target',
  holds: 'first_page_url, meta.url and previous_page_url lead to the very page they name',
  applies: { operation: 'list', status: 'ok', needs: ['reproduce'] },
  run(exchange, contract, ctx) {
    const want = ctx.reproduce;
    if (!want) return [];
    const got = exchange.sids;
    if (got.join() === want.sids.join()) return [];
    return [
      violation(
        'page_link_target',
        `/${contract.paging.listKey}`,
        `following ${want.link} should give [${want.sids.join(', ')}], received [${got.join(', ')}]`,
        want.sids,
        got,
      ),
    ];
  },
};
