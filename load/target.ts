import { create, type EmulatorOptions } from '../emulator/server.js';
import type { Store } from '../emulator/store.js';
import { UsageError } from '../client/usage-error.js';
import { processTarget, type Target } from '../client/settings.js';
import { basicAuth } from '../client/basic-auth.js';
import { type Secret } from '../client/redact.js';
import { checkRemote, type Consent } from '../client/remote-guard.js';
import { checkReachable } from '../client/reachable.js';

/** A message whose receipts discovery pages through. */
export interface MessageRef {
  serviceSid: string;
  conversationSid: string;
  messageSid: string;
}

/** What the load tool drives: the TARGET_* settings plus how to stop it (the embedded emulator, or nothing). */
export interface LoadTarget extends Target {
  /** Messages to discover receipts from: TARGET_*'s message first, then (embedded emulator only) more of its messages. */
  messages: MessageRef[];
  /** true when the embedded emulator was started because TARGET_URL is unset. */
  embedded: boolean;
  stop(): Promise<void>;
}

/** Reads TARGET_* with the contract suite's own reader (same variables, same checks), then the one remote rule. */
export function targetFromEnv(env: NodeJS.ProcessEnv, consent: Consent): Target | null {
  const t = processTarget(env);
  if (t) checkRemote('TARGET_URL', t.url, consent, 'load');
  return t;
}

/** A LoadTarget from TARGET_* values; the token stays non-enumerable, so serialising a target never shows it. */
function loadTarget(t: Target, messages: MessageRef[], embedded: boolean, stop: () => Promise<void>): LoadTarget {
  const out = {
    url: t.url,
    publicUrl: t.publicUrl,
    accountSid: t.accountSid,
    serviceSid: t.serviceSid,
    conversationSid: t.conversationSid,
    messageSid: t.messageSid,
    messages,
    embedded,
    stop,
  } as LoadTarget;
  Object.defineProperty(out, 'authToken', { value: t.authToken, enumerable: false });
  return out;
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

/** Set by `--workers` for its generators: the parent's embedded emulator's messages (JSON), so discovery matches one run's. */
export const EMBEDDED_MESSAGES_VAR = 'LOAD_EMBEDDED_MESSAGES';

/** The messages a parent passed in EMBEDDED_MESSAGES_VAR; a malformed value names the variable. */
function sharedMessages(text: string): MessageRef[] {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    list = null;
  }
  const keys = ['serviceSid', 'conversationSid', 'messageSid'] as const;
  const ok = (m: unknown): m is MessageRef =>
    typeof m === 'object' && m !== null && keys.every((k) => typeof (m as Record<string, unknown>)[k] === 'string');
  if (!Array.isArray(list) || !list.every(ok))
    throw new UsageError(`${EMBEDDED_MESSAGES_VAR}: not a JSON list of {serviceSid, conversationSid, messageSid}`);
  return list.map((m) => ({ serviceSid: m.serviceSid, conversationSid: m.conversationSid, messageSid: m.messageSid }));
}

/** The target to load: TARGET_* when TARGET_URL is set, otherwise a freshly started embedded emulator. */
export async function openTarget(
  env: NodeJS.ProcessEnv,
  consent: Consent,
  emulatorOptions: EmulatorOptions = {},
): Promise<LoadTarget> {
  const t = targetFromEnv(env, consent);
  const shared = t && env[EMBEDDED_MESSAGES_VAR];
  // a --workers generator: the parent started the emulator once, and this process loads it as its own
  if (t && shared) return loadTarget(t, sharedMessages(shared), true, async () => {});
  if (t) {
    // a target that cannot be reached at all is a setting to fix (exit 2), not a run of errors to measure
    await checkReachable('TARGET_URL', t.url);
    return loadTarget(t, [t], false, async () => {});
  }
  const emu = await create({ port: 0, host: '127.0.0.1', dataset: EMBEDDED_DATASET, ...emulatorOptions });
  return loadTarget(emu.target, [emu.target, ...otherMessages(emu.store)], true, () => emu.stop());
}

/** The HTTP Basic header for a target; it goes on the wire only, never into a report. */
export function authorization(t: Pick<LoadTarget, 'accountSid' | 'authToken'>): string {
  return basicAuth(t.accountSid, t.authToken);
}

/** The credentials every output of a run is redacted against. */
export function secretOf(t: Pick<LoadTarget, 'accountSid' | 'authToken'>): Secret {
  return { accountSid: t.accountSid, authToken: t.authToken };
}
