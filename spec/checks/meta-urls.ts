import { show } from '../violation.js';
import type { Check } from './exchange.js';
import { isPage, metaOf, originOf, violation } from './helpers.js';

const LINKS = ['first_page_url', 'previous_page_url', 'url', 'next_page_url'];

/** meta_urls: every page link is an absolute URL at the public origin, on the same list path as the request. */
export const metaUrls: Check = {
  name: 'meta_urls',
  holds: 'meta links are absolute URLs at TARGET_PUBLIC_URL on the same list path as the request (foreign origins are not followed)',
  run(exchange, contract, ctx) {
    const meta = metaOf(exchange);
    if (ctx.expect !== 'page' || !meta || !isPage(exchange, contract)) return [];
    const origin = new URL(ctx.publicUrl).origin;
    const path = exchange.request.path.split('?')[0];
    return LINKS.flatMap((name) => {
      const link = meta[name];
      if (link === null || link === undefined) return []; // presence and nullability are page_schema's concern
      const at = `/meta/${name}`;
      const actualOrigin = originOf(link);
      if (actualOrigin !== origin) {
        const what = actualOrigin ? `a foreign origin ${actualOrigin} (not followed)` : 'not an absolute URL';
        return [violation('meta_urls', at, `expected an absolute URL at ${origin}, received ${what}: ${show(link)}`, origin, link)];
      }
      const linkPath = new URL(link as string).pathname;
      return linkPath === path ? [] : [violation('meta_urls', at, `expected a link to this list ${path}, received ${show(link)}`, path, link)];
    });
  },
};
