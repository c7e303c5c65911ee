import { contract } from '../spec/contract.js';
import { defineFaults } from './fault-hooks.js';

const { min, max } = contract.paging.pageSize;

/** Faults only a long list shows (past the first page of the maximum size) or a size no old walk used (odd, above 1). */
export const longFaults = defineFaults([
  {
    name: 'max-page-repeat',
    breaks: `each receipt is listed once at PageSize ${max}, on its second page and later too`,
    // from the second page of the maximum size on, each page starts one receipt early (its last ones are never listed)
    order: (p, _count, size) => (size === max && p >= max ? p - Math.floor(p / max) : p),
  },
  {
    name: 'max-page-drop',
    breaks: `next_page_url at PageSize ${max} leads to the very next receipt, from the second page on too`,
    page: (m, c) => {
      if (m.next_page_url && c.size === max) m.next_page_url = c.link(c.page + 1, c.offset + c.size + 1);
    },
  },
  {
    name: 'next-page-skip-odd',
    breaks: `next_page_url leads to the very next receipt at every PageSize (odd ones above ${min} too)`,
    page: (m, c) => {
      if (m.next_page_url && c.size % 2 === 1 && c.size > min)
        m.next_page_url = c.link(c.page + 1, c.offset + c.size + 1);
    },
  },
]);
