/** Where a target lives and the origin it writes into its links. */
export interface LinkOrigins {
  readonly url: string;
  readonly publicUrl: string;
}

/**
 * The one rule for following a link from an answer: only an absolute URL at TARGET_PUBLIC_URL (or at TARGET_URL
 * itself) is followed, and its path and query are sent to TARGET_URL; anything else (a foreign host, a relative or
 * malformed link) is never followed and yields null.
 */
export function followPath(link: unknown, target: LinkOrigins): string | null {
  if (typeof link !== 'string') return null;
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return null;
  }
  const ours = [target.publicUrl, target.url].some((o) => new URL(o).origin === u.origin);
  return ours ? u.pathname + u.search : null;
}
