import { contract } from '../spec/contract.js';
import type { SeenReceipt } from './recording-receipts.js';
import { hashHex, Sids } from './sid.js';
import type { Account, Service } from './store.js';

/** Distinct values, indexed in order of first appearance. */
export interface Indexer {
  of(key: string): number;
  keys: string[];
}

/** Indexes distinct values in order of first appearance. */
export function indexer(): Indexer {
  const map = new Map<string, number>();
  const keys: string[] = [];
  return { keys, of: (key) => map.get(key) ?? (map.set(key, keys.push(key) - 1), keys.length - 1) };
}

/** A made-up SID for a service the recording never names (an account's default one). */
function madeUpService(key: string): string {
  return contract.sids.prefix('chat_service_sid') + hashHex(`recording:${key}`, Sids.digits('chat_service_sid'));
}

/**
 * The service of each receipt, by SID: its own chat_service_sid, or (a default-scope receipt has none) the service
 * its conversation was seen in, or a made-up SID standing for its account's default service.
 */
function serviceSids(seen: SeenReceipt[]): string[] {
  const byConversation = new Map<string, string>();
  for (const { r } of seen) {
    if (typeof r.chat_service_sid === 'string') byConversation.set(String(r.conversation_sid), r.chat_service_sid);
  }
  return seen.map(
    ({ r }) =>
      (r.chat_service_sid as string | undefined) ??
      byConversation.get(String(r.conversation_sid)) ??
      madeUpService(`default:${String(r.account_sid)}`),
  );
}

/** Accounts and services of a recording, and the service index of each receipt seen. */
export interface Tenants {
  accounts: Account[];
  services: Service[];
  serviceOf: number[];
}

/** Accounts and services: the services seen, each account's default one (from default-scope answers, else made up). */
export function tenantsOf(seen: SeenReceipt[]): Tenants {
  const accounts = indexer(),
    services = indexer();
  const owner: number[] = [],
    isDefault: boolean[] = [];
  const serviceOf = serviceSids(seen).map((sid, i) => {
    const s = services.of(sid);
    owner[s] = accounts.of(String(seen[i].r.account_sid));
    isDefault[s] ||= seen[i].inDefault;
    return s;
  });
  const list: Service[] = services.keys.map((sid, s) => ({ sid, account: owner[s], isDefault: Boolean(isDefault[s]) }));
  const made = accounts.keys.map((sid, a) => {
    // The recording never holds the token: the emulator makes one up and prints it, as for the seed.
    const token = hashHex(`recording:token:${sid}`, Sids.digits('account_sid'));
    const account: Account = {
      name: sid,
      sid,
      token,
      defaultService: list.findIndex((s) => s.account === a && s.isDefault),
    };
    if (account.defaultService < 0) {
      account.defaultService = list.push({ sid: madeUpService(`default:${sid}`), account: a, isDefault: true }) - 1;
    }
    return account;
  });
  return { accounts: made, services: list, serviceOf };
}
