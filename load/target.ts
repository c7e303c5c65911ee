import { contract, type SidField } from '../spec/contract.js';
import { create, type EmulatorOptions } from '../emulator/server.js';
import type { Store } from '../emulator/store.js';
import { UsageError, reject } from './usage-error.js';

/** A message whose receipts discovery pages through. */
export interface MessageRef { serviceSid: string; conversationSid: string; messageSid: string }

/** What the load tool drives: the TARGET_* settings plus how to stop it (the embedded emulator, or nothing). */
export interface LoadTarget {
  url: string;
  publicUrl: string;
  accountSid: string;
  authToken: string;
  serviceSid: string;
  conversationSid: string;
  messageSid: string;
  /** Messages to discover receipts from: TARGET_*'s message first, then (embedded emulator only) more of its messages. */
  messages: MessageRef[];
  /** true when the embedded emulator was started because TARGET_URL is unset. */
  embedded: boolean;
  stop(): Promise<void>;
}

/** Consent flags for targets that are not on this machine. */
export interface Consent { allowRemote: boolean; acceptTwilioCosts: boolean }

const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i;

/** Refuses a non-loopback target without --allow-remote, and Twilio's production API without --i-accept-twilio-costs. */
export function checkTargetUrl(url: string, consent: Consent): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return reject('TARGET_URL', url, 'allowed: an absolute http(s) URL, e.g. http://127.0.0.1:4010');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') reject('TARGET_URL', url, 'allowed: an http: or https: URL');
  if (u.username || u.password) throw new UsageError('TARGET_URL: must not hold credentials; set TARGET_ACCOUNT_SID and TARGET_AUTH_TOKEN instead');
  const production = contract.productionOrigins.some((o) => new URL(o).hostname === u.hostname);
  if (production && !consent.acceptTwilioCosts) {
    throw new UsageError(`TARGET_URL: ${u.origin} is Twilio's production API; load costs money and hits rate limits. Add --allow-remote --i-accept-twilio-costs to accept that`);
  }
  if (!LOOPBACK.test(u.hostname) && !consent.allowRemote) {
    throw new UsageError(`TARGET_URL: ${u.origin} is not on this machine (loopback); add --allow-remote to load a remote target`);
  }
}

const SID_VARS: [string, SidField | null][] = [
  ['TARGET_ACCOUNT_SID', 'account_sid'], ['TARGET_SERVICE_SID', 'chat_service_sid'],
  ['TARGET_CONVERSATION_SID', null], ['TARGET_MESSAGE_SID', 'message_sid'], ['TARGET_AUTH_TOKEN', null],
];

/** Reads TARGET_* from the environment (the contract suite's variables) and checks them, before any load is sent. */
export function targetFromEnv(env: NodeJS.ProcessEnv, consent: Consent): Omit<LoadTarget, 'stop' | 'embedded' | 'messages'> {
  const url = env.TARGET_URL!.replace(/\/+$/, '');
  checkTargetUrl(url, consent);
  for (const [name, field] of SID_VARS) {
    const value = env[name];
    if (!value) throw new UsageError(`${name}: not set; with TARGET_URL set, all TARGET_* variables are needed (README "Pointing it at a target")`);
    // the token is never echoed, even when malformed
    if (field && !contract.sidPattern(field).test(value)) reject(name, value, `allowed: a SID matching ${contract.sidPattern(field).source}`);
  }
  return {
    url, publicUrl: (env.TARGET_PUBLIC_URL || url).replace(/\/+$/, ''), accountSid: env.TARGET_ACCOUNT_SID!, authToken: env.TARGET_AUTH_TOKEN!,
    serviceSid: env.TARGET_SERVICE_SID!, conversationSid: env.TARGET_CONVERSATION_SID!, messageSid: env.TARGET_MESSAGE_SID!,
  };
}

/** The embedded emulator's data set for load: synthetic, so there are thousands of receipts and many messages to rotate over. */
export const EMBEDDED_DATASET = { receipts: 50_000, seed: 1 };
const MORE_MESSAGES = 20;

/** More messages of the target's account in non-default services, read from the embedded emulator's own store. */
function otherMessages(store: Store): MessageRef[] {
  const { messages, conversations, services, target } = store;
  const out: MessageRef[] = [];
  for (let m = 0; m < messages.count && out.length < MORE_MESSAGES; m++) {
    const c = messages.conv[m];
    const svc = services[conversations.service[c]];
    if (m === target.message || svc.isDefault || svc.account !== target.account || messages.size[m] === 0) continue;
    out.push({ serviceSid: svc.sid, conversationSid: conversations.sids.sid(c), messageSid: messages.sids.sid(m) });
  }
  return out;
}

/** The target to load: TARGET_* when TARGET_URL is set, otherwise a freshly started embedded emulator. */
export async function openTarget(env: NodeJS.ProcessEnv, consent: Consent, emulatorOptions: EmulatorOptions = {}): Promise<LoadTarget> {
  if (env.TARGET_URL) {
    const t = targetFromEnv(env, consent);
    return { ...t, messages: [t], embedded: false, stop: async () => {} };
  }
  const emu = await create({ port: 0, host: '127.0.0.1', dataset: EMBEDDED_DATASET, ...emulatorOptions });
  const t = emu.target; // authToken is not enumerable there, so it is copied by name
  return {
    url: t.url, publicUrl: t.publicUrl, accountSid: t.accountSid, authToken: t.authToken, serviceSid: t.serviceSid, conversationSid: t.conversationSid,
    messageSid: t.messageSid, messages: [t, ...otherMessages(emu.store)], embedded: true, stop: () => emu.stop(),
  };
}

/** The HTTP Basic header for a target; it goes on the wire only, never into a report. */
export function authorization(t: Pick<LoadTarget, 'accountSid' | 'authToken'>): string {
  return 'Basic ' + Buffer.from(`${t.accountSid}:${t.authToken}`).toString('base64');
}
