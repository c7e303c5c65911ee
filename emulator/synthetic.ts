import { contract, type SidField } from '../spec/contract.js';
import { loadSeed } from './seed.js';
import { hashHex, indexCodec, Sids } from './sid.js';
import { allocReceipts, type Account, type Service, type Store } from './store.js';

/** Shares of the data set held by the few very large messages (tens of thousands of receipts at 1M). */
const HOT_SHARES = [0.05, 0.04, 0.03, 0.02, 0.01];
const MAX_HOT = 50_000;
const MESSAGES_PER_CONVERSATION = 10;
const MAX_SMALL = 30;
const ACCOUNTS = 2;
/** 2023-11-14T22:13:20Z: synthetic receipts are created from here on. */
const EPOCH = 1_700_000_000;

/** mulberry32: a small fast PRNG, so the same seed number gives the same data set. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Receipts per message: a few hot messages first, then small ones until the total is reached. */
function messageSizes(n: number, rand: () => number): number[] {
  const sizes = HOT_SHARES.map((f) => Math.min(MAX_HOT, Math.floor(n * f))).filter((s) => s > 0);
  let left = n - sizes.reduce((a, b) => a + b, 0);
  while (left > 0) {
    const s = Math.min(left, 1 + Math.floor(rand() * MAX_SMALL));
    sizes.push(s);
    left -= s;
  }
  return sizes;
}

/** Accounts (own credentials, a default service, non-default ones) of a synthetic set. */
function tenants(n: number, seed: number): { accounts: Account[]; services: Service[] } {
  const perAccount = Math.min(16, Math.max(2, Math.ceil(n / 100_000)));
  const accounts: Account[] = [],
    services: Service[] = [];
  const sid = (field: 'account_sid' | 'chat_service_sid', key: string): string =>
    contract.sids.prefix(field) + hashHex(`synthetic:${seed}:${key}`, Sids.digits(field));
  for (let a = 0; a < ACCOUNTS; a++) {
    accounts.push({
      name: `synthetic-${a}`,
      sid: sid('account_sid', `account:${a}`),
      token: hashHex(`synthetic:${seed}:token:${a}`, Sids.digits('account_sid')),
      defaultService: services.length,
    });
    for (let s = 0; s <= perAccount; s++)
      services.push({ sid: sid('chat_service_sid', `service:${a}:${s}`), account: a, isDefault: s === 0 });
  }
  return { accounts, services };
}

/** A large data set generated from a seed number: compact columns, SIDs derived from indices, O(1) lookups. */
export function generate(n: number, seed = 1): Store {
  const rand = prng(seed);
  const tag = (field: SidField): string => hashHex(`synthetic:${seed}:${field}`, 16);
  const codec = (field: SidField, count: number) => new Sids(field, indexCodec(tag(field), Sids.digits(field), count));
  const { accounts, services } = tenants(n, seed);
  const sizes = messageSizes(n, rand);
  const m = sizes.length,
    c = Math.ceil(m / MESSAGES_PER_CONVERSATION);
  const convService = new Uint32Array(c);
  convService[0] = 1; // the hot messages sit in account 0's first non-default service: the advertised target
  for (let i = 1; i < c; i++) convService[i] = Math.floor(rand() * services.length);
  const msgConv = new Uint32Array(m),
    msgStart = new Uint32Array(m),
    msgSize = Uint32Array.from(sizes);
  const cols = allocReceipts(n);
  const templates = loadSeed().receipts; // statuses, error codes and channels come from the seed, never from code
  for (let k = 0, i = 0; k < m; k++) {
    msgConv[k] = Math.floor(k / MESSAGES_PER_CONVERSATION);
    msgStart[k] = i;
    for (let p = 0; p < sizes[k]; p++, i++) {
      const t = Math.floor(rand() * templates.count);
      cols.msg[i] = k;
      cols.participant[i] = i;
      cols.status[i] = templates.status[t];
      cols.error[i] = templates.error[t];
      cols.channel[i] = templates.channel[t];
      cols.created[i] = EPOCH + k * 7 + p;
      cols.updated[i] =
        templates.updated[t] === 0 ? 0 : cols.created[i] + (templates.updated[t] - templates.created[t]);
    }
  }
  return {
    accounts,
    services,
    serviceBySid: new Map(services.map((s, i) => [s.sid, i])),
    conversations: { count: c, service: convService, sids: codec('conversation_sid', c), byName: new Map() },
    messages: { count: m, conv: msgConv, start: msgStart, size: msgSize, sids: codec('message_sid', m) },
    receipts: {
      ...cols,
      sids: codec('sid', n),
      participants: codec('participant_sid', n),
      channelHex: indexCodec(
        tag('channel_message_sid'),
        Sids.digits('channel_message_sid', templates.channelPrefixes[0]),
        n,
      ),
      channelPrefixes: templates.channelPrefixes,
    },
    target: { account: 0, service: 1, conversation: 0, message: 0 },
  };
}
