// Read-only questions self-tests ask of an emulator's data, by name, so no test reads the store's columns itself.
import type { Emulator } from '../../emulator/server.js';

/** One message of the data set: its store index, the SIDs its paths name, and who owns it. */
export interface MessageRow {
  index: number;
  sid: string;
  conversation: number;
  conversationSid: string;
  service: number;
  serviceSid: string;
  account: number;
  isDefault: boolean;
  /** How many receipts it has. */
  receipts: number;
}

/** An account's credentials (every account of the data set, not only the advertised one). */
export interface AccountRow {
  sid: string;
  token: string;
}

/** The message at a store index. */
export function messageAt(e: Emulator, index: number): MessageRow {
  const { store } = e;
  const conversation = store.messages.conv[index];
  const service = store.conversations.service[conversation];
  const s = store.services[service];
  return {
    index,
    sid: store.messages.sids.sid(index),
    conversation,
    conversationSid: store.conversations.sids.sid(conversation),
    service,
    serviceSid: s.sid,
    account: s.account,
    isDefault: s.isDefault,
    receipts: store.messages.size[index],
  };
}

/** Every message of the data set, every account's. */
export function messages(e: Emulator): MessageRow[] {
  return Array.from({ length: e.store.messages.count }, (_, m) => messageAt(e, m));
}

/** The messages of the advertised account (the one whose credentials the target holds). */
export function ownMessages(e: Emulator): MessageRow[] {
  return messages(e).filter((x) => x.account === e.store.target.account);
}

/** The store index of the advertised message (the target's messageSid). */
export function advertisedMessage(e: Emulator): number {
  return e.store.target.message;
}

/** The store index of the advertised conversation. */
export function advertisedConversation(e: Emulator): number {
  return e.store.target.conversation;
}

/** The receipt SIDs of a message, in list order. */
export function messageReceipts(e: Emulator, message: number): string[] {
  const { start, size } = e.store.messages;
  return Array.from({ length: size[message] }, (_, k) => e.store.receipts.sids.sid(start[message] + k));
}

/** Every account's credentials, in store order. */
export function accounts(e: Emulator): AccountRow[] {
  return e.store.accounts.map(({ sid, token }) => ({ sid, token }));
}

/** Every service of the data set: its SID, the account index that owns it, and whether it is that account's default. */
export function services(e: Emulator): { sid: string; account: number; isDefault: boolean }[] {
  return e.store.services.map(({ sid, account, isDefault }) => ({ sid, account, isDefault }));
}

/** Every service SID of the data set. */
export function serviceSids(e: Emulator): string[] {
  return services(e).map((s) => s.sid);
}

/** Every conversation SID of the data set. */
export function conversationSids(e: Emulator): string[] {
  return Array.from({ length: e.store.conversations.count }, (_, c) => e.store.conversations.sids.sid(c));
}

/** The unique names conversations can be addressed by, with the conversation's store index. */
export function conversationNames(e: Emulator): { name: string; conversation: number }[] {
  // byName is keyed by service and name joined with NUL, since a name is unique only within its service.
  return [...e.store.conversations.byName].map(([key, conversation]) => ({
    name: key.split('\u0000')[1],
    conversation,
  }));
}

/** How many receipts the data set holds (every account's). */
export function receiptCount(e: Emulator): number {
  return e.store.receipts.count;
}

/** The receipt at a store index: its SID and the message it belongs to. */
export function receiptAt(e: Emulator, index: number): { sid: string; message: MessageRow } {
  return { sid: e.store.receipts.sids.sid(index), message: messageAt(e, e.store.receipts.msg[index]) };
}

/** Every receipt SID of the data set. */
export function allReceiptSids(e: Emulator): string[] {
  return Array.from({ length: receiptCount(e) }, (_, i) => e.store.receipts.sids.sid(i));
}
