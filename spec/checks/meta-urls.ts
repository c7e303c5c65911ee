import type { Contract } from '../contract.js';
import { show, violation } from '../violation.js';
import type { Check } from './check.js';
import { routeOfPath, type Judged, type Route } from './judged.js';
import { baseOf, outsideBase, pathUnder } from '../links.js';

const LINKS = ['first_page_url', 'previous_page_url', 'url', 'next_page_url'];

/**
 * Why a link does not name the list the request named, or null when it does. A conversation addressed by unique name
 * is the same list as the one named by its SID, so a link may name it by the CH SID the receipts carry.
 */
function otherList(request: Route, link: Route, exchange: Judged, contract: Contract): string | null {
  if (link.op.operationId !== request.op.operationId) return `another operation (${link.op.template})`;
  for (const [param, value] of Object.entries(request.params)) {
    const given = link.params[param];
    if (given === value) continue;
    const conversation = contract.sids.pattern('conversation_sid');
    if (
      param === 'ConversationSid' &&
      value !== undefined &&
      !conversation.test(value) &&
      given !== undefined &&
      conversation.test(given)
    ) {
      const named = exchange.receipts.map((r) => r.receipt.conversation_sid);
      if (named.every((sid) => sid === given)) continue; // the unique name's own SID
    }
    return `${param} ${show(given)} instead of ${show(value)}`;
  }
  return null;
}

/** meta_urls: every page link is an absolute URL at the public base URL that names the same list as the request. */
export const metaUrls: Check = {
  name: 'meta_urls',
  holds:
    'meta links are absolute URLs at TARGET_PUBLIC_URL naming the same list as the request (a unique name may become its CH SID)',
  applies: { expect: ['page'], operation: 'list', status: 'ok' },
  run(exchange, contract, ctx) {
    const { meta, route: request } = exchange;
    if (!meta || !request) return [];
    const base = baseOf(ctx.publicUrl);
    return LINKS.flatMap((name) => {
      const link = meta[name];
      if (link === null || link === undefined) return []; // presence and nullability are page_schema's concern
      const at = `/meta/${name}`;
      const what = outsideBase(link, base);
      if (what !== null) {
        return [
          violation(
            'meta_urls',
            at,
            `expected an absolute URL at ${base}, received ${what}: ${show(link)}`,
            base,
            link,
          ),
        ];
      }
      const target = routeOfPath(pathUnder(link, base) ?? '', contract);
      const why = target ? otherList(request, target, exchange, contract) : 'a path outside the spec';
      const path = exchange.request.path.split('?')[0];
      return why === null
        ? []
        : [
            violation(
              'meta_urls',
              at,
              `expected a link to this list ${path}, received ${why}: ${show(link)}`,
              path,
              link,
            ),
          ];
    });
  },
};
