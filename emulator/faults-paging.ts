import { contract } from '../spec/contract.js';
import { defineFaults } from './fault-hooks.js';
import { clampPageSize } from './paging.js';
import { hashHex, Sids } from './sid.js';

/** The same link with its MessageSid swapped for one no message has: a link to another list. */
function otherMessageLink(link: string): string {
  const u = new URL(link);
  const match = contract.paths.match(u.pathname);
  if (!match) return link;
  const params = Object.fromEntries(Object.entries(match.raw).map(([k, v]) => [k, decodeURIComponent(v)]));
  params.MessageSid = contract.sids.prefix('message_sid') + hashHex('other-message', Sids.digits('message_sid'));
  return u.origin + contract.paths.build(match.op.name, match.op.scope, params) + u.search;
}

/** Faults in list pages: meta fields, links, order and PageSize bounds. */
export const pagingFaults = defineFaults([
  {
    name: 'meta-key',
    breaks: 'meta.key names the list key',
    page: (m) => {
      m.key = 'receipts';
    },
  },
  {
    name: 'meta-page-size',
    breaks: 'meta.page_size is the PageSize asked for',
    page: (m) => {
      m.page_size = contract.paging.pageSize.default;
    },
  },
  {
    name: 'next-page-skip',
    breaks: 'next_page_url leads to the page right after this one',
    page: (m, c) => {
      if (m.next_page_url) m.next_page_url = c.link(c.page + 2, c.offset + 2 * c.size);
    },
  },
  {
    name: 'next-page-loop',
    breaks: 'next_page_url leads to another page',
    page: (m) => {
      if (m.next_page_url) m.next_page_url = m.url;
    },
  },
  {
    name: 'previous-page-first',
    breaks: 'previous_page_url is null on the first page',
    page: (m) => {
      m.previous_page_url ??= m.first_page_url;
    },
  },
  {
    name: 'first-page-url',
    breaks: 'first_page_url leads to page 0',
    page: (m, c) => {
      m.first_page_url = c.link(1, c.size);
    },
  },
  {
    name: 'meta-url-foreign',
    breaks: 'meta links are absolute URLs at the public origin',
    page: (m) => {
      m.url = contract.paths.productionOrigins[0] + new URL(m.url as string).pathname;
    },
  },
  {
    name: 'meta-page-negative',
    breaks: 'meta.page is a page number from 0',
    page: (m) => {
      m.page = -1;
    },
  },
  {
    name: 'meta-page-off-by-one',
    breaks: 'meta.page is the index of the page served',
    page: (m) => {
      m.page += 1;
    },
  },
  {
    name: 'previous-page-missing',
    breaks: 'previous_page_url links back on every later page',
    page: (m, c) => {
      if (c.offset > 0) m.previous_page_url = null;
    },
  },
  {
    name: 'meta-url-other-list',
    breaks: 'meta.url names the list that was asked for',
    page: (m) => {
      m.url = otherMessageLink(m.url);
    },
  },
  {
    name: 'unstable-order',
    breaks: 'the order of receipts does not depend on PageSize',
    order: (p, count, size) => (size === contract.paging.pageSize.default ? p : count - 1 - p),
  },
  {
    name: 'page-size-unbounded',
    breaks: 'PageSize above the maximum is rejected or clamped',
    pageSize: (n) => (n >= contract.paging.pageSize.min ? n : null),
  },
  {
    name: 'page-size-clamp-misreported',
    breaks: 'a clamped PageSize is reported as the size in force or the size asked for',
    // clamps as a correct server may, then reports one more than asked: neither reading of meta.page_size
    pageSize: clampPageSize,
    page: (m, c) => {
      if (c.asked > c.size) m.page_size = c.asked + 1;
    },
  },
  {
    name: 'page-size-zero',
    breaks: 'PageSize below the minimum is rejected',
    pageSize: (n) =>
      n > contract.paging.pageSize.max ? null : n < contract.paging.pageSize.min ? contract.paging.pageSize.default : n,
  },
  {
    name: 'page-token-trusted',
    breaks: 'a PageToken the server did not issue gets a 400',
    // the token that failed verification is answered with an empty page instead of the 400
    reply: (r, path) => {
      if (r.status === 400 && path.includes('PageToken=')) {
        r.status = 200;
        r.body = JSON.stringify({ [contract.paging.listKey]: [], meta: { key: contract.paging.listKey } });
      }
    },
  },
]);
