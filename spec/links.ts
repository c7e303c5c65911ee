/** A base URL as links are judged at it: its origin and path prefix, with no trailing slash (`http://h/api`). */
export function baseOf(url: string): string {
  const b = originAndPrefix(url);
  return b.origin + b.prefix;
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
  const b = originAndPrefix(base);
  if (u.origin !== b.origin || !u.pathname.startsWith(b.prefix + '/')) return null;
  return u.pathname.slice(b.prefix.length) + u.search;
}

/** The last base URL split: a run judges every answer, and reads every link, at the same public URL. */
let lastSplit: { base: string; origin: string; prefix: string } | null = null;

/** A base URL's origin and path prefix (no trailing slash). */
function originAndPrefix(base: string): { origin: string; prefix: string } {
  if (base !== lastSplit?.base) {
    const b = new URL(base);
    lastSplit = { base, origin: b.origin, prefix: b.pathname.replace(/\/+$/, '') };
  }
  return lastSplit;
}

/** Why a link is not under a base URL (not absolute, another origin, outside its path prefix), or null when it is. */
export function outsideBase(link: unknown, base: string): string | null {
  if (pathUnder(link, base) !== null) return null;
  const origin = originOf(link);
  if (origin === null) return 'not an absolute URL';
  const b = originAndPrefix(base);
  if (origin !== b.origin) return `a foreign origin ${origin} (not followed)`;
  return `a path outside ${b.prefix} (the base path is missing)`;
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
