import { asObject } from '../../../spec/checks/judged.js';
import { MESSAGE_SETTING, messageParams, needReceipts, type Reference } from './reference.js';
import { spread } from './spread.js';
import type { Session } from './session.js';

/** At most this many receipts are fetched one by one, by sid and by url (gentle with real targets). */
export const MAX_FETCHES = 50; // spread over the whole list: a long one is sampled, its last receipt included
const MAX_URL_FOLLOWS = 3;

/** Fetches listed receipts by their sid: each passes the receipt checks and equals its listed copy or moved forward. */
export async function fetchListed(s: Session, ref: Reference): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  const { date } = s.contract.receipts.lifecycle;
  let fetched = 0;
  let moved = 0;
  for (const sid of spread(ref.sids, MAX_FETCHES)) {
    const path = s.contract.paths.build('fetch', ref.scope, messageParams(s.api.target, sid, ref.scope));
    const got = asObject((await s.probe(path, 'receipt', { known: ref.copies })).response.json);
    const listed = ref.copies.get(sid)?.receipt;
    fetched++;
    if (got && listed && (got.status !== listed.status || got[date] !== listed[date])) moved++;
  }
  // Receipts are live (OBSERVED.md): say how many had moved on since they were listed; receipt_consistent judges how.
  const text = `${moved} of ${fetched} fetched receipts had a new status or ${date} since listed`;
  s.note('receipts live', `${MESSAGE_SETTING[ref.scope]}: ${text}`);
}

/** Follows each listed receipt's url (at TARGET_PUBLIC_URL, sent to TARGET_URL): the same receipt comes back. */
export async function fetchByUrl(s: Session, ref: Reference): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  for (const known of spread(ref.receipts, MAX_URL_FOLLOWS)) {
    // A url that cannot be followed (foreign or relative) is reported by receipt_url on the fetch itself.
    if ((await s.follow(known.url, 'receipt', { known: ref.copies })) === null) {
      const path = s.contract.paths.build(
        'fetch',
        ref.scope,
        messageParams(s.api.target, String(known.sid), ref.scope),
      );
      await s.probe(path, 'receipt', { known: ref.copies });
    }
  }
}
