import { orExit } from './or-exit.js';
import { readBase, readSid, readToken, type Env } from './setting-readers.js';
import { UsageError } from './usage-error.js';

/** The API under test: its base URL, the base URL it writes into links, credentials, and a message with receipts. */
export interface Target {
  readonly url: string;
  readonly publicUrl: string;
  readonly accountSid: string;
  /** Not enumerable, so that printing or serialising a Target never shows it. */
  readonly authToken: string;
  readonly serviceSid: string;
  readonly conversationSid: string;
  readonly messageSid: string;
  /** A conversation and message in the account's default service (optional; without them the default-path probes are skipped). */
  readonly defaultConversationSid?: string;
  readonly defaultMessageSid?: string;
  /** A second account of the same target (optional; without it the tenancy probes are skipped). */
  readonly otherAccountSid?: string;
  /** Its Auth Token; not enumerable, like authToken. */
  readonly otherAuthToken?: string;
}

/** Every setting readTarget reads, in the README's order. */
export const targetVariables = [
  'TARGET_URL',
  'TARGET_PUBLIC_URL',
  'TARGET_ACCOUNT_SID',
  'TARGET_AUTH_TOKEN',
  'TARGET_SERVICE_SID',
  'TARGET_CONVERSATION_SID',
  'TARGET_MESSAGE_SID',
  'TARGET_DEFAULT_CONVERSATION_SID',
  'TARGET_DEFAULT_MESSAGE_SID',
  'TARGET_OTHER_ACCOUNT_SID',
  'TARGET_OTHER_AUTH_TOKEN',
] as const;

/**
 * Reads and validates the TARGET_* settings once; null when TARGET_URL is unset (the embedded emulator is used). Set
 * but empty is an error, not the emulator: a CI secret that expanded to nothing must not pass as a tested target.
 */
export function readTarget(env: Env = process.env): Target | null {
  if (env.TARGET_URL === undefined) return null;
  if (env.TARGET_URL.trim() === '')
    throw new UsageError(
      'TARGET_URL is set but empty: set it to the base URL of the API under test, or unset it to test the embedded emulator',
    );
  const url = readBase(env, 'TARGET_URL');
  const publicUrl = readBase(env, 'TARGET_PUBLIC_URL', url);
  const accountSid = readSid(env, 'TARGET_ACCOUNT_SID', 'account_sid', 'the Account SID used as the Basic user');
  const token = readToken(env, 'TARGET_AUTH_TOKEN', 'TARGET_ACCOUNT_SID');
  const serviceSid = readSid(
    env,
    'TARGET_SERVICE_SID',
    'chat_service_sid',
    'the SID of a non-default Conversation Service',
  );
  const conversationSid = env.TARGET_CONVERSATION_SID;
  if (!conversationSid)
    throw new UsageError(
      'TARGET_CONVERSATION_SID is not set; set it to the Conversation SID (or unique name) of the message',
    );
  const messageSid = readSid(env, 'TARGET_MESSAGE_SID', 'message_sid', 'the SID of a message with at least 3 receipts');
  return freezeTarget({
    url,
    publicUrl,
    accountSid,
    authToken: token,
    serviceSid,
    conversationSid,
    messageSid,
    ...readDefaultMessage(env),
    ...readOtherAccount(env, accountSid),
  });
}

/** Reads the optional default-service message: both settings or neither. */
function readDefaultMessage(env: Env): Pick<Target, 'defaultConversationSid' | 'defaultMessageSid'> {
  const conversation = env.TARGET_DEFAULT_CONVERSATION_SID;
  const message = env.TARGET_DEFAULT_MESSAGE_SID;
  if (!conversation && !message) return {};
  if (!conversation)
    throw new UsageError(
      'TARGET_DEFAULT_CONVERSATION_SID is not set but TARGET_DEFAULT_MESSAGE_SID is; set it to the Conversation SID (or unique name) of that message in the default service, or unset both',
    );
  const what = "the SID of a message in the account's default service with at least 3 receipts";
  return {
    defaultConversationSid: conversation,
    defaultMessageSid: readSid(env, 'TARGET_DEFAULT_MESSAGE_SID', 'message_sid', what),
  };
}

/** Reads the optional second account (tenancy probes): both settings or neither, never the first account again. */
function readOtherAccount(env: Env, accountSid: string): Pick<Target, 'otherAccountSid' | 'otherAuthToken'> {
  const sid = env.TARGET_OTHER_ACCOUNT_SID;
  const token = env.TARGET_OTHER_AUTH_TOKEN;
  if (!sid && !token) return {};
  if (!sid)
    throw new UsageError(
      'TARGET_OTHER_ACCOUNT_SID is not set but TARGET_OTHER_AUTH_TOKEN is; set it to the SID of a second account of the target, or unset both',
    );
  const what = 'the SID of a second account of the same target';
  const otherAccountSid = readSid(env, 'TARGET_OTHER_ACCOUNT_SID', 'account_sid', what);
  if (otherAccountSid.toLowerCase() === accountSid.toLowerCase())
    throw new UsageError(
      'TARGET_OTHER_ACCOUNT_SID is TARGET_ACCOUNT_SID; set it to a second account of the target, or unset both',
    );
  return { otherAccountSid, otherAuthToken: readToken(env, 'TARGET_OTHER_AUTH_TOKEN', 'TARGET_OTHER_ACCOUNT_SID') };
}

/** Freezes a target, hiding the tokens from enumeration (JSON, console, reports). */
export function freezeTarget(t: Target): Target {
  const { authToken, otherAuthToken, ...visible } = t;
  const out = { ...visible } as Target;
  Object.defineProperty(out, 'authToken', { value: authToken, enumerable: false });
  if (otherAuthToken !== undefined)
    Object.defineProperty(out, 'otherAuthToken', { value: otherAuthToken, enumerable: false });
  return Object.freeze(out);
}

/** Reads the target for the config: a bad setting prints its one line and ends the run before any test starts. */
export function readTargetOrExit(env: Env = process.env): Target | null {
  return orExit('Target settings', () => processTarget(env));
}

/** The Target field each TARGET_* variable sets, in the README's order. */
const FIELD_OF: Record<(typeof targetVariables)[number], keyof Target> = {
  TARGET_URL: 'url',
  TARGET_PUBLIC_URL: 'publicUrl',
  TARGET_ACCOUNT_SID: 'accountSid',
  TARGET_AUTH_TOKEN: 'authToken',
  TARGET_SERVICE_SID: 'serviceSid',
  TARGET_CONVERSATION_SID: 'conversationSid',
  TARGET_MESSAGE_SID: 'messageSid',
  TARGET_DEFAULT_CONVERSATION_SID: 'defaultConversationSid',
  TARGET_DEFAULT_MESSAGE_SID: 'defaultMessageSid',
  TARGET_OTHER_ACCOUNT_SID: 'otherAccountSid',
  TARGET_OTHER_AUTH_TOKEN: 'otherAuthToken',
};

/** The TARGET_* variables that point a client at a target (what `npm run emulator` prints, what nested runs set). */
export function targetEnv(t: Target): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of targetVariables) {
    const value = t[FIELD_OF[name]];
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  return out;
}

let fromProcess: { env: Env; target: Target | null } | null = null;

/**
 * This process's target, read and validated once: TARGET_* when TARGET_URL is set, null when it is not (every
 * consumer then starts its own embedded emulator). The one place that decides embedded or remote.
 */
export function processTarget(env: Env = process.env): Target | null {
  if (fromProcess?.env !== env) fromProcess = { env, target: readTarget(env) };
  return fromProcess.target;
}
