/** The last base URL parsed: a run judges every answer at the same public URL. */
let lastBase: { url: string; base: string } | null = null;

/** A base URL as links are judged at it: its origin and path prefix, with no trailing slash (`http://h/api`). */
export function baseOf(url: string): string {
  if (url === lastBase?.url) return lastBase.base;
  const u = new URL(url);
  const base = u.origin + u.pathname.replace(/\/+$/, '');
  lastBase = { url, base };
  return base;
}

/**
 * The API path (and query) a link names under a base URL (an origin, or an origin and a path prefix such as a
 * gateway's `/twilio-api`), or null when the link is not an absolute URL under it.
 */
export function pathUnder(link: unknown, base: string): string | null {
  if (typeof link !== 'string') return null;
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return null;
  }
  const b = new URL(base);
  const prefix = b.pathname.replace(/\/+$/, '');
  if (u.origin !== b.origin || !u.pathname.startsWith(prefix + '/')) return null;
  return u.pathname.slice(prefix.length) + u.search;
}

/** Why a link is not under a base URL (not absolute, another origin, outside its path prefix), or null when it is. */
export function outsideBase(link: unknown, base: string): string | null {
  if (pathUnder(link, base) !== null) return null;
  const origin = originOf(link);
  if (origin === null) return 'not an absolute URL';
  if (origin !== new URL(base).origin) return `a foreign origin ${origin} (not followed)`;
  return `a path outside ${new URL(base).pathname.replace(/\/+$/, '')} (the base path is missing)`;
}

/** The origin of an absolute URL, or null. */
export function originOf(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  try {
    return new URL(link).origin;
  } catch {
    return null;
  }
}
