import { pathUnder } from '../spec/links.js';

/** Where a target lives and the base URL it writes into its links (each an origin, or an origin and a path prefix). */
export interface LinkOrigins {
  readonly url: string;
  readonly publicUrl: string;
}

/**
 * The one rule for following a link from an answer: only an absolute URL under TARGET_PUBLIC_URL (or under TARGET_URL
 * itself), path prefix included, is followed, and its API path and query are sent to TARGET_URL; anything else (a
 * foreign host, a link outside the prefix, a relative or malformed link) is never followed and yields null.
 */
export function followPath(link: unknown, target: LinkOrigins): string | null {
  return pathUnder(link, target.publicUrl) ?? pathUnder(link, target.url);
}
