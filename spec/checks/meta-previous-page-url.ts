import { show, violation } from '../violation.js';
import type { Check } from './check.js';
import { knownPageIndex } from './check-context.js';

/**
 * meta_previous_page_url: null on the first page, a link on every later page. Which page an answer is comes from the
 * walk (or, failing that, meta.page), never from how its URL is spelled: Twilio writes a PageToken into the link back
 * to page 0 too.
 */
export const metaPreviousPageUrl: Check = {
  name: 'meta_previous_page_url',
  holds: 'previous_page_url is null on the first page and a link on every later page (the page known from the walk)',
  applies: { expect: ['page'], operation: 'list', status: 'ok' },
  run(exchange, _contract, ctx) {
    const { meta } = exchange;
    if (!meta) return [];
    const said = meta.page;
    const index =
      knownPageIndex(exchange, ctx) ?? (Number.isInteger(said) && (said as number) >= 0 ? (said as number) : undefined);
    if (index === undefined) return []; // a malformed meta.page is page_schema's concern
    const link = meta.previous_page_url;
    const at = '/meta/previous_page_url';
    if (index === 0 && link !== null)
      return [
        violation('meta_previous_page_url', at, `expected null on the first page, received ${show(link)}`, null, link),
      ];
    if (index > 0 && typeof link !== 'string') {
      return [
        violation(
          'meta_previous_page_url',
          at,
          `expected a link back on page ${index}, received ${show(link)}`,
          'a link',
          link,
        ),
      ];
    }
    return [];
  },
};
