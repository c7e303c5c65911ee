import { metaOf } from '../../../spec/checks/helpers.js';
import { listPath, type Reference } from './reference.js';
import type { Session } from './session.js';

/** A PageToken no server issued, whatever format its tokens have. */
const MADE_UP = 'forged-page-token';

/** The token with its middle character changed (a forgery of the same length and alphabet). */
function tampered(token: string): string {
  const at = token.length >> 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

/** Forged and truncated PageTokens on the query of the first page's next_page_url: each gets the documented 400. */
export async function pageTokenForged(s: Session, ref: Reference): Promise<void> {
  const first = await s.probe(listPath(s, `PageSize=${s.contract.pageSize.min}`, ref.scope), 'page');
  const next = s.api.pathOf(metaOf(first)?.next_page_url) ?? first.request.path;
  const [path, query = ''] = next.split('?');
  const params = new URLSearchParams(query);
  const issued = params.get('PageToken');
  // A target that pages by Page alone issues no token to forge from: a made-up one still must not be trusted.
  if (!issued) s.note('PageToken', 'next_page_url carries no PageToken: only a made-up token was sent');
  const forged = issued ? [MADE_UP, issued.slice(0, Math.ceil(issued.length / 2)), tampered(issued)] : [MADE_UP];
  for (const token of forged) {
    params.set('PageToken', token);
    await s.probe(`${path}?${params.toString()}`, 'page_token');
  }
}
