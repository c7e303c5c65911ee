import { readFileSync } from 'node:fs';
import { contract } from '../spec/contract.js';
import { routeOfPath } from '../spec/checks/judged.js';
import { formatViolation } from '../spec/violation.js';
import { hashHex, Sids, tableCodec, type HexCodec } from './sid.js';
import { allocReceipts, statusIndex, uniqueNameKey, type Account, type Service, type Store } from './store.js';

type Json = Record<string, unknown>;
/** A receipt seen in the recording, with the line it came from and whether it was read in the default scope. */
interface Seen { r: Json; line: number; inDefault: boolean }

/** A recording that cannot be served; the message names the file and line. */
export class RecordingDatasetError extends Error {}

/** The receipts a recording's successful list and fetch answers hold, in the order first seen (one per SID). */
function receiptsOf(file: string): { seen: Seen[]; names: Map<string, string> } {
  const seen = new Map<string, Seen>();
  const names = new Map<string, string>(); // unique name used in a path -> the CH SID its receipts carry
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    let line: { request?: { path?: string }; response?: { status?: number; text?: string } };
    try {
      line = JSON.parse(text) as typeof line;
    } catch {
      throw new RecordingDatasetError(`${file} line ${i + 1} is not JSON`);
    }
    const route = routeOfPath(String(line.request?.path ?? ''), contract);
    if (!route || line.response?.status !== 200) return;
    let body: Json;
    try {
      body = JSON.parse(String(line.response.text)) as Json;
    } catch {
      throw new RecordingDatasetError(`${file} line ${i + 1} is a 200 whose body is not JSON`);
    }
    const items = route.op.name === 'fetch' ? [body] : body?.[contract.listKey];
    if (!Array.isArray(items)) throw new RecordingDatasetError(`${file} line ${i + 1} is a 200 list without ${contract.listKey}`);
    items.forEach((r: Json, k) => {
      const schema = route.scope === 'default' ? 'Receipt' : 'ServiceReceipt';
      const [first] = contract.validate(schema, r, 'dataset');
      if (first) throw new RecordingDatasetError(`${file} line ${i + 1} holds a broken receipt (#${k}): ${formatViolation(first)}`);
      if (!seen.has(String(r.sid))) seen.set(String(r.sid), { r, line: i + 1, inDefault: route.scope === 'default' });
      const named = route.params.ConversationSid;
      if (named && named !== r.conversation_sid) names.set(named, String(r.conversation_sid));
    });
  });
  return { seen: [...seen.values()], names };
}

/** Indexes distinct values in order of first appearance. */
function indexer(): { of(key: string): number; keys: string[] } {
  const map = new Map<string, number>();
  const keys: string[] = [];
  return { keys, of: (key) => map.get(key) ?? (map.set(key, keys.push(key) - 1), keys.length - 1) };
}

/**
 * The service of each receipt, by SID: its own chat_service_sid, or (a default-scope receipt has none) the service
 * its conversation was seen in, or a key standing for its account's default service.
 */
function serviceKeys(seen: Seen[]): string[] {
  const byConversation = new Map<string, string>();
  for (const { r } of seen) if (typeof r.chat_service_sid === 'string') byConversation.set(String(r.conversation_sid), r.chat_service_sid);
  return seen.map(({ r }) => (r.chat_service_sid as string | undefined) ?? byConversation.get(String(r.conversation_sid)) ?? `default:${String(r.account_sid)}`);
}

/** A made-up SID for a service the recording never names (an account's default one). */
const madeUpService = (key: string): string => contract.sidPrefix('chat_service_sid') + hashHex(`recording:${key}`, Sids.digits('chat_service_sid'));

/** Accounts and services: the services seen, each account's default one (from default-scope answers, else made up). */
function tenantsOf(seen: Seen[], keys: string[]): { accounts: Account[]; services: Service[] } {
  const accounts = indexer(), services = indexer();
  const owner: number[] = [], isDefault: boolean[] = [];
  seen.forEach(({ r, inDefault }, i) => {
    const a = accounts.of(String(r.account_sid)), s = services.of(keys[i]);
    owner[s] = a;
    isDefault[s] ||= inDefault;
  });
  const list: Service[] = services.keys.map((key, s) => ({ sid: key.startsWith('default:') ? madeUpService(key) : key, account: owner[s], isDefault: Boolean(isDefault[s]) }));
  const made = accounts.keys.map((sid, a) => {
    // The recording never holds the token: the emulator makes one up and prints it, as for the seed.
    const account: Account = { name: sid, sid, token: hashHex(`recording:token:${sid}`, Sids.digits('account_sid')), defaultService: list.findIndex((s) => s.account === a && s.isDefault) };
    if (account.defaultService < 0) account.defaultService = list.push({ sid: madeUpService(`default:${sid}`), account: a, isDefault: true }) - 1;
    return account;
  });
  return { accounts: made, services: list };
}

/** The hex digits of SIDs (prefix dropped), as a table codec. */
const digits = (sids: string[]): HexCodec => tableCodec(sids.map((s) => s.slice(2)));

/** A store that serves the receipts a recording holds (paging, scoping and auth as usual). */
export function loadRecording(file: string): Store {
  const { seen, names } = receiptsOf(file);
  if (seen.length === 0) throw new RecordingDatasetError(`${file} holds no receipts (no 200 list or fetch answer of the spec's paths)`);
  const keys = serviceKeys(seen);
  const { accounts, services } = tenantsOf(seen, keys);
  const serviceBySid = new Map(services.map((s, i) => [s.sid, i]));
  const serviceOf = new Map(seen.map((x, i) => [x, serviceBySid.get(keys[i].startsWith('default:') ? madeUpService(keys[i]) : keys[i]) as number]));
  const convs = indexer(), msgs = indexer(), parts = indexer(), channels = indexer();
  const byMessage = new Map<number, Seen[]>();
  for (const x of seen) {
    const m = msgs.of(String(x.r.message_sid));
    convs.of(String(x.r.conversation_sid));
    byMessage.set(m, [...(byMessage.get(m) ?? []), x]);
  }
  const ordered = [...byMessage.values()].flat(); // a message's receipts contiguous, in the order they were listed
  return assemble({ ordered, accounts, services, serviceBySid, serviceOf, convs, msgs, parts, channels, names });
}

/** Everything assemble() needs from loadRecording. */
interface Parts { ordered: Seen[]; accounts: Account[]; services: Service[]; serviceBySid: Map<string, number>; serviceOf: Map<Seen, number>; convs: ReturnType<typeof indexer>; msgs: ReturnType<typeof indexer>; parts: ReturnType<typeof indexer>; channels: ReturnType<typeof indexer>; names: Map<string, string> }

/** Fills the columns and tables of the store. */
function assemble(p: Parts): Store {
  const n = p.ordered.length, cols = allocReceipts(n);
  const convService = new Uint32Array(p.convs.keys.length), msgConv = new Uint32Array(p.msgs.keys.length);
  const msgStart = new Uint32Array(p.msgs.keys.length), msgSize = new Uint32Array(p.msgs.keys.length);
  const channelDigits: string[] = [];
  p.ordered.forEach((x, i) => {
    const r = x.r;
    const m = p.msgs.of(String(r.message_sid)), c = p.convs.of(String(r.conversation_sid));
    convService[c] = p.serviceOf.get(x) as number;
    msgConv[m] = c;
    if (msgSize[m]++ === 0) msgStart[m] = i;
    const ch = r.channel_message_sid;
    cols.msg[i] = m;
    cols.participant[i] = p.parts.of(String(r.participant_sid));
    cols.status[i] = statusIndex(r.status as string | null);
    cols.channel[i] = typeof ch === 'string' ? p.channels.of(ch.slice(0, 2)) + 1 : 0;
    channelDigits.push(typeof ch === 'string' ? ch.slice(2) : '');
    cols.error[i] = Number(r.error_code);
    cols.created[i] = Math.floor(Date.parse(String(r.date_created)) / 1000);
    cols.updated[i] = r.date_updated === null ? 0 : Math.floor(Date.parse(String(r.date_updated)) / 1000);
  });
  const byName = new Map<string, number>();
  for (const [name, sid] of p.names) {
    const c = p.convs.keys.indexOf(sid);
    if (c >= 0) byName.set(uniqueNameKey(convService[c], name), c);
  }
  return {
    accounts: p.accounts, services: p.services, serviceBySid: p.serviceBySid,
    conversations: { count: p.convs.keys.length, service: convService, sids: new Sids('conversation_sid', digits(p.convs.keys)), byName },
    messages: { count: p.msgs.keys.length, conv: msgConv, start: msgStart, size: msgSize, sids: new Sids('message_sid', digits(p.msgs.keys)) },
    receipts: { ...cols, sids: new Sids('sid', digits(p.ordered.map((x) => String(x.r.sid)))), participants: new Sids('participant_sid', digits(p.parts.keys)),
      channelHex: { hex: (i) => channelDigits[i], index: () => -1 }, channelPrefixes: p.channels.keys },
    target: targetOf(p, msgConv, convService, msgSize),
  };
}

/** The advertised message: the largest one in a non-default service. */
function targetOf(p: Parts, msgConv: Uint32Array, convService: Uint32Array, msgSize: Uint32Array): Store['target'] {
  let best = -1;
  for (let m = 0; m < msgSize.length; m++) if (!p.services[convService[msgConv[m]]].isDefault && (best < 0 || msgSize[m] > msgSize[best])) best = m;
  if (best < 0) throw new RecordingDatasetError('the recording holds receipts of the default service only; record a list in a non-default service too');
  const service = convService[msgConv[best]];
  return { account: p.services[service].account, service, conversation: msgConv[best], message: best };
}
