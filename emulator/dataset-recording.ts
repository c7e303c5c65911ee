import { receiptsOf, type SeenReceipt } from './recording-receipts.js';
import { UsageError } from '../client/usage-error.js';
import { indexer, tenantsOf, type Indexer, type Tenants } from './recording-tenants.js';
import { Sids, tableCodec, type HexCodec } from './sid.js';
import { allocReceipts, statusIndex, uniqueNameKey, type ReceiptColumns, type Store } from './store.js';

/** The hex digits of SIDs (prefix dropped), as a table codec. */
const digits = (sids: string[]): HexCodec => tableCodec(sids.map((s) => s.slice(2)));
/** Seconds since the epoch of an RFC 3339 date (the store keeps whole seconds). */
const seconds = (date: unknown): number => Math.floor(Date.parse(String(date)) / 1000);

/** The receipts in store order (a message's contiguous, as listed), with their service index. */
function inStoreOrder(seen: SeenReceipt[], t: Tenants, msgs: Indexer): { x: SeenReceipt; service: number }[] {
  const byMessage = new Map<number, { x: SeenReceipt; service: number }[]>();
  seen.forEach((x, i) => {
    const m = msgs.of(String(x.r.message_sid));
    byMessage.set(m, [...(byMessage.get(m) ?? []), { x, service: t.serviceOf[i] }]);
  });
  return [...byMessage.values()].flat();
}

/** Tables of conversations and messages, filled while the receipt columns are. */
interface Tables {
  convs: Indexer;
  msgs: Indexer;
  parts: Indexer;
  channels: Indexer;
  convService: number[];
  msgConv: number[];
  msgStart: number[];
  msgSize: number[];
  channelDigits: string[];
}

/** Fills one receipt's columns and the tables it touches. */
function fill(cols: ReceiptColumns, tb: Tables, { x, service }: { x: SeenReceipt; service: number }, i: number): void {
  const r = x.r;
  const m = tb.msgs.of(String(r.message_sid)),
    c = tb.convs.of(String(r.conversation_sid));
  tb.convService[c] = service;
  tb.msgConv[m] = c;
  if ((tb.msgSize[m] = (tb.msgSize[m] ?? 0) + 1) === 1) tb.msgStart[m] = i;
  const ch = r.channel_message_sid;
  cols.msg[i] = m;
  cols.participant[i] = tb.parts.of(String(r.participant_sid));
  cols.status[i] = statusIndex(r.status as string | null);
  cols.channel[i] = typeof ch === 'string' ? tb.channels.of(ch.slice(0, 2)) + 1 : 0;
  tb.channelDigits[i] = typeof ch === 'string' ? ch.slice(2) : '';
  cols.error[i] = Number(r.error_code);
  cols.created[i] = seconds(r.date_created);
  cols.updated[i] = r.date_updated === null ? 0 : seconds(r.date_updated);
}

/** A store that serves the receipts a recording holds (paging, scoping and auth as usual). */
export function loadRecording(file: string): Store {
  const { seen, names } = receiptsOf(file);
  if (seen.length === 0) {
    throw new UsageError(`${file} holds no receipts (no 200 list or fetch answer of the spec's paths)`);
  }
  const t = tenantsOf(seen);
  const ordered = inStoreOrder(seen, t, indexer());
  const cols = allocReceipts(ordered.length);
  const tb: Tables = {
    convs: indexer(),
    msgs: indexer(),
    parts: indexer(),
    channels: indexer(),
    convService: [],
    msgConv: [],
    msgStart: [],
    msgSize: [],
    channelDigits: [],
  };
  ordered.forEach((o, i) => fill(cols, tb, o, i));
  return storeOf(
    t,
    tb,
    cols,
    ordered.map((o) => String(o.x.r.sid)),
    names,
  );
}

/** The store from the filled tables; unique names used in paths address their conversations again. */
function storeOf(t: Tenants, tb: Tables, cols: ReceiptColumns, sids: string[], names: Map<string, string>): Store {
  const byName = new Map<string, number>();
  for (const [name, sid] of names) {
    const c = tb.convs.keys.indexOf(sid);
    if (c >= 0) byName.set(uniqueNameKey(tb.convService[c], name), c);
  }
  const u32 = (a: number[]): Uint32Array => Uint32Array.from(a);
  return {
    accounts: t.accounts,
    services: t.services,
    serviceBySid: new Map(t.services.map((s, i) => [s.sid, i])),
    conversations: {
      count: tb.convs.keys.length,
      service: u32(tb.convService),
      sids: new Sids('conversation_sid', digits(tb.convs.keys)),
      byName,
    },
    messages: {
      count: tb.msgs.keys.length,
      conv: u32(tb.msgConv),
      start: u32(tb.msgStart),
      size: u32(tb.msgSize),
      sids: new Sids('message_sid', digits(tb.msgs.keys)),
    },
    receipts: {
      ...cols,
      sids: new Sids('sid', digits(sids)),
      participants: new Sids('participant_sid', digits(tb.parts.keys)),
      channelHex: { hex: (i) => tb.channelDigits[i], index: () => -1 },
      channelPrefixes: tb.channels.keys,
    },
    target: targetOf(t, tb),
  };
}

/** The advertised message: the largest one in a non-default service. */
function targetOf(t: Tenants, tb: Tables): Store['target'] {
  let best = -1;
  tb.msgSize.forEach((size, m) => {
    if (!t.services[tb.convService[tb.msgConv[m]]].isDefault && (best < 0 || size > tb.msgSize[best])) best = m;
  });
  if (best < 0) {
    const hint = 'record a list in a non-default service too';
    throw new UsageError(`the recording holds receipts of the default service only; ${hint}`);
  }
  const service = tb.convService[tb.msgConv[best]];
  return { account: t.services[service].account, service, conversation: tb.msgConv[best], message: best };
}
