import { contract } from '../spec/contract.js';
import type { HexCodec, Sids } from './sid.js';

/** One account: its credentials and its default Conversation Service. */
export interface Account {
  name: string;
  sid: string;
  token: string;
  defaultService: number;
}
/** One Conversation Service of an account. */
export interface Service {
  sid: string;
  account: number;
  isDefault: boolean;
}

/** Receipts as columns (about 22 bytes each); a message's receipts are contiguous and in list order. */
export interface ReceiptColumns {
  count: number;
  msg: Uint32Array;
  participant: Uint32Array;
  /** Index into contract.receipts.statusValues (null included). */
  status: Uint8Array;
  /** 0: no channel message; otherwise 1 + index into channelPrefixes. */
  channel: Uint8Array;
  error: Int32Array;
  /** Seconds since the epoch. */
  created: Uint32Array;
  /** Seconds since the epoch; 0: never updated (null). */
  updated: Uint32Array;
}

/** The whole data set: accounts, services, conversations, messages and receipts, compact and indexed. */
export interface Store {
  accounts: Account[];
  services: Service[];
  serviceBySid: Map<string, number>;
  conversations: { count: number; service: Uint32Array; sids: Sids; byName: Map<string, number> };
  messages: { count: number; conv: Uint32Array; start: Uint32Array; size: Uint32Array; sids: Sids };
  receipts: ReceiptColumns & { sids: Sids; participants: Sids; channelHex: HexCodec; channelPrefixes: string[] };
  /** The message the emulator advertises as its TARGET_* settings. */
  target: { account: number; service: number; conversation: number; message: number };
}

/** Allocates receipt columns for n receipts. */
export function allocReceipts(n: number): ReceiptColumns {
  return {
    count: n,
    msg: new Uint32Array(n),
    participant: new Uint32Array(n),
    status: new Uint8Array(n),
    channel: new Uint8Array(n),
    error: new Int32Array(n),
    created: new Uint32Array(n),
    updated: new Uint32Array(n),
  };
}

/** The key of a conversation's unique name inside its service. */
export function uniqueNameKey(service: number, name: string): string {
  return `${service}\u0000${name}`;
}

/** The index of contract.receipts.statusValues holding a status (-1 when the spec does not list it). */
export function statusIndex(status: string | null): number {
  return contract.receipts.statusValues.indexOf(status);
}

/** The largest message of the target account's default service (the default-service target), or -1 if it has none. */
export function defaultTargetMessage(store: Store): number {
  const service = store.accounts[store.target.account].defaultService;
  let best = -1;
  for (let m = 0; m < store.messages.count; m++) {
    if (
      store.conversations.service[store.messages.conv[m]] === service &&
      (best < 0 || store.messages.size[m] > store.messages.size[best])
    )
      best = m;
  }
  return best;
}

/** A conversation of a service addressed by SID or unique name; -1 when that service has none such. */
export function findConversation(store: Store, service: number, id: string): number {
  const { sids, byName } = store.conversations;
  let c = sids.index(id);
  if (c < 0) c = byName.get(uniqueNameKey(service, id)) ?? -1;
  return c >= 0 && store.conversations.service[c] === service ? c : -1;
}
