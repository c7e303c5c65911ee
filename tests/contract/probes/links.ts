import type { Reference } from './reference.js';
import type { Session } from './session.js';
import { walk } from './walk.js';

/** How many pages have their links followed (bounded requests). */
const MAX_PAGES = 3;
/** The PageSize of the walk whose links are followed: one receipt a page, so every page differs. */
const SIZE = 1;

/** Follows previous_page_url, first_page_url and meta.url of the first pages: each reproduces the page it names. */
export async function followPageLinks(s: Session, ref: Reference): Promise<void> {
  const pages = await walk(s, SIZE, ref, { judgeOrder: false, maxPages: MAX_PAGES });
  // Each link is judged by the page it leads to: its receipts, and its index (meta.page, previous_page_url).
  const at = (link: string, index: number) => ({
    reproduce: { link, sids: pages[index].sids },
    page: index,
    pageSize: SIZE,
    known: ref.copies,
  });
  for (const [i, page] of pages.entries()) {
    await s.follow(page.meta.url, 'page', at(`meta.url of page ${i}`, i));
    if (i === 0) continue;
    await s.follow(page.meta.first_page_url, 'page', at(`first_page_url of page ${i}`, 0));
    await s.follow(page.meta.previous_page_url, 'page', at(`previous_page_url of page ${i}`, i - 1));
  }
}
