/** How long a slice of a token counts as shown: half a token, cut by an excerpt, is still a leak. */
const SLICE = 8;

/** The slices of a token (every run of SLICE characters) that a text shows: none, when nothing of it leaked. */
export function slicesShown(text: string, token: string): string[] {
  return Array.from({ length: Math.max(token.length - SLICE + 1, 0) }, (_, i) => token.slice(i, i + SLICE)).filter(
    (part) => text.includes(part),
  );
}
