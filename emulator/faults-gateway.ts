import { contract } from '../spec/contract.js';
import { defineFaults } from './fault-hooks.js';

/** A link with its path prefix dropped: the part of its path the spec's templates match, at the same origin. */
function dropPrefix(link: string): string {
  const u = new URL(link);
  const segments = u.pathname.split('/');
  for (let i = 2; i < segments.length; i++) {
    const rest = '/' + segments.slice(i).join('/');
    if (contract.paths.match(rest)) return u.origin + rest + u.search;
  }
  return link;
}

/** Requests per gateway 429 page: few enough that a run meets several, sparse enough to cost little waiting. */
const GATEWAY_429_EVERY = 25;

/** Faults of a deployment behind a gateway: a base path its links forget, a rate limit of its own in HTML. */
export const gatewayFaults = defineFaults([
  {
    name: 'base-path-dropped',
    breaks: 'links of an API served under a base path carry the prefix (url and meta.*_url)',
    url: (r, c) => contract.paths.receiptUrl(new URL(c.origin).origin, r, c.scope),
    page: (m) => {
      m.first_page_url = dropPrefix(m.first_page_url);
      m.url = dropPrefix(m.url);
      m.previous_page_url = m.previous_page_url && dropPrefix(m.previous_page_url);
      m.next_page_url = m.next_page_url && dropPrefix(m.next_page_url);
    },
  },
  {
    name: 'gateway-html-429',
    breaks: "every 429 is Twilio's JSON error 20429, also the ones a client retries (not a gateway's HTML page)",
    gateway429Every: GATEWAY_429_EVERY,
  },
]);
