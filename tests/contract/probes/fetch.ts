import { messageParams, needReceipts, type Reference } from './reference.js';
import type { Session } from './session.js';

/** At most this many receipts are fetched one by one, by sid and by url (gentle with real targets). */
export const MAX_FETCHES = 50; // every receipt of the reference page (at most one page at the maximum PageSize)
const MAX_URL_FOLLOWS = 3;

/** Fetches each listed receipt by its sid: it passes the receipt checks and equals the listed copy. */
export async function fetchListed(s: Session, ref: Reference): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  for (const known of ref.receipts.slice(0, MAX_FETCHES)) {
    if (typeof known.sid !== 'string') continue;
    const path = s.contract.paths.build('fetch', ref.scope, messageParams(s.api.target, known.sid, ref.scope));
    await s.probe(path, 'receipt', { known });
  }
}

/** Follows each listed receipt's url (at TARGET_PUBLIC_URL, sent to TARGET_URL): the same receipt comes back. */
export async function fetchByUrl(s: Session, ref: Reference): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  for (const known of ref.receipts.slice(0, MAX_URL_FOLLOWS)) {
    // A url that cannot be followed (foreign or relative) is reported by receipt_url on the fetch itself.
    if ((await s.follow(known.url, 'receipt', { known })) === null) {
      const path = s.contract.paths.build(
        'fetch',
        ref.scope,
        messageParams(s.api.target, String(known.sid), ref.scope),
      );
      await s.probe(path, 'receipt', { known });
    }
  }
}
