import { contract, type Scope } from '../spec/contract.js';
import type { Fault, ReceiptCtx, ReceiptObject } from './fault-hooks.js';
import type { Store } from './store.js';

/** An RFC 3339 date-time in Twilio's style (no fractional seconds) from epoch seconds; utc: `Z` or `+00:00`. */
export function isoDate(seconds: number, utc = 'Z'): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', utc);
}

/** Derives receipt bodies from the compact columns, and caches their JSON (bounded, oldest dropped first). */
export class ReceiptRender {
  private readonly cache = new Map<number, string>();

  constructor(
    private readonly store: Store,
    private readonly origin: string,
    private readonly fault: Fault,
    private readonly maxCached = 50_000,
    /** What ends a date-time (the offset-dates reading writes +00:00). */
    private readonly utc = 'Z',
  ) {}

  /** The receipt's fields from its columns, in Twilio's order, url last. */
  object(i: number, scope: Scope, fetched = false): ReceiptObject {
    const { store } = this;
    const r = store.receipts;
    const m = r.msg[i];
    const c = store.messages.conv[m];
    const service = store.services[store.conversations.service[c]];
    const o: ReceiptObject = { sid: r.sids.sid(i), account_sid: store.accounts[service.account].sid };
    if (scope === 'service') o.chat_service_sid = service.sid;
    o.conversation_sid = store.conversations.sids.sid(c);
    o.message_sid = store.messages.sids.sid(m);
    const ch = r.channel[i];
    o.channel_message_sid = ch === 0 ? null : r.channelPrefixes[ch - 1] + r.channelHex.hex(i);
    o.status = contract.receipts.statusValues[r.status[i]];
    o.error_code = r.error[i];
    o.participant_sid = r.participants.sid(r.participant[i]);
    o.date_created = isoDate(r.created[i], this.utc);
    o.date_updated = r.updated[i] === 0 ? null : isoDate(r.updated[i], this.utc);
    const ctx: ReceiptCtx = { position: i - store.messages.start[m], scope, origin: this.origin };
    this.fault.receipt?.(o, ctx);
    if (fetched) this.fault.fetched?.(o, ctx);
    o.url = this.fault.url ? this.fault.url(o, ctx) : contract.paths.receiptUrl(this.origin, o, scope);
    return o;
  }

  /** The receipt's JSON as a list item or fetch answer would carry it. */
  json(i: number, scope: Scope, fetched = false): string {
    if (fetched && this.fault.fetched) return JSON.stringify(this.object(i, scope, true));
    const key = scope === 'service' ? i * 2 + 1 : i * 2;
    let text = this.cache.get(key);
    if (text === undefined) {
      text = JSON.stringify(this.object(i, scope));
      if (this.maxCached === 0) return text;
      if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value as number);
      this.cache.set(key, text);
    }
    return text;
  }
}
