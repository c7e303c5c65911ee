import { contract, type SidField } from '../spec/contract.js';
import { Sids, type HexCodec } from './sid.js';
import type { Store } from './store.js';

/** Upper-case copies of stores, made once per store (a data set is immutable; servers share it). */
const made = new WeakMap<Store, Store>();

/** A codec that writes upper-case hex digits and resolves only them (the server's SIDs are its upper-case ones). */
function upperCodec(inner: HexCodec): HexCodec {
  return {
    hex: (i) => inner.hex(i).toUpperCase(),
    index: (h) => (h === h.toUpperCase() ? inner.index(h.toLowerCase()) : -1),
  };
}

/** The same SIDs with upper-case hex digits after their prefix. */
const upperSids = (s: Sids): Sids => new Sids(s.field, upperCodec(s.codec));
/** A SID of a field with its hex digits (after the spec's prefix) in upper case. */
function upperSid(field: SidField, sid: string): string {
  const n = String(contract.sids.prefix(field)).length;
  return sid.slice(0, n) + sid.slice(n).toUpperCase();
}

/**
 * uppercase-hex: the store with every SID in upper-case hex, consistently (bodies, links, paths, the account SID of
 * the credentials), built once at start so that answering costs nothing more. Columns are shared, not copied.
 */
export function upperStore(store: Store): Store {
  const done = made.get(store);
  if (done) return done;
  const services = store.services.map((s) => ({ ...s, sid: upperSid('chat_service_sid', s.sid) }));
  const { conversations: c, messages: m, receipts: r } = store;
  const upper: Store = {
    ...store,
    accounts: store.accounts.map((a) => ({ ...a, sid: upperSid('account_sid', a.sid) })),
    services,
    serviceBySid: new Map(services.map((s, i) => [s.sid, i])),
    conversations: { ...c, sids: upperSids(c.sids) },
    messages: { ...m, sids: upperSids(m.sids) },
    receipts: {
      ...r,
      sids: upperSids(r.sids),
      participants: upperSids(r.participants),
      channelHex: upperCodec(r.channelHex),
    },
  };
  made.set(store, upper);
  return upper;
}
