import { metaOf } from '../../../spec/checks/judged.js';
import { listPath, type Reference } from './reference.js';
import type { Session } from './session.js';

/** A PageToken no server issued, whatever format its tokens have. */
const MADE_UP = 'forged-page-token';

/** The token with its middle character changed (a forgery of the same length and alphabet). */
function tampered(token: string): string {
  const at = token.length >> 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

/**
 * A made-up PageToken gets a 4xx (which one is not documented). Truncated and altered copies of an issued token are
 * rejected, or, since the documentation does not promise tamper-evident tokens, answered with a valid page (noted in
 * the report).
 */
export async function forgedPageTokenRejected(s: Session, ref: Reference): Promise<void> {
  const first = await s.probe(listPath(s, `PageSize=${s.contract.paging.pageSize.min}`, ref.scope), 'page');
  const next = s.api.pathOf(metaOf(first)?.next_page_url) ?? first.request.path;
  const [path, query = ''] = next.split('?');
  const params = new URLSearchParams(query);
  const issued = params.get('PageToken');
  const withToken = (token: string) => (params.set('PageToken', token), `${path}?${params.toString()}`);
  await s.probe(withToken(MADE_UP), 'page_token');
  // A target that pages by Page alone issues no token to forge from: a made-up one still must not be trusted.
  if (!issued) return s.note('PageToken', 'next_page_url carries no PageToken: only a made-up token was sent');
  s.note('PageToken', `next_page_url carries a PageToken (${issued.length} characters, opaque: never parsed)`);
  for (const [how, token] of [
    ['truncated', issued.slice(0, Math.ceil(issued.length / 2))],
    ['altered', tampered(issued)],
  ]) {
    const exchange = await s.api.get(withToken(token));
    const accepted = exchange.response.status === 200;
    if (accepted)
      s.note(
        'PageToken',
        `a ${how} copy of an issued token was answered 200 (tokens are not tamper-evident); the page was checked as a page`,
      );
    s.record(exchange, accepted ? 'page' : 'page_token');
  }
}
