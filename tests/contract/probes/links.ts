import type { Reference } from './reference.js';
import type { Session } from './session.js';
import { walk } from './walk.js';

/** How many pages have their links followed (bounded requests). */
const MAX_PAGES = 3;

/** Follows previous_page_url, first_page_url and meta.url of the first pages: each reproduces the page it names. */
export async function followPageLinks(s: Session, ref: Reference): Promise<void> {
  const pages = await walk(s, 1, ref, false, MAX_PAGES);
  for (const [i, page] of pages.entries()) {
    await s.follow(page.meta.url, 'page', { reproduce: { link: `meta.url of page ${i}`, sids: page.sids } });
    if (i === 0) continue;
    await s.follow(page.meta.first_page_url, 'page', { reproduce: { link: `first_page_url of page ${i}`, sids: pages[0].sids } });
    await s.follow(page.meta.previous_page_url, 'page', { reproduce: { link: `previous_page_url of page ${i}`, sids: pages[i - 1].sids } });
  }
}
