import { contract, type SidField } from '../spec/contract.js';

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
}

/** A setting that is missing or malformed; its message is the one line the user sees (never the token). */
export class TargetError extends Error {
  override name = 'TargetError';
}

type Env = Record<string, string | undefined>;

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
] as const;

/**
 * Reads a base URL setting: an http(s) origin, optionally with a path prefix (a gateway's `/twilio-api`) under which
 * the suite adds `/v1/...`. A trailing slash is dropped (`…/twilio-api/` is `…/twilio-api`); a query or fragment is
 * refused, since no request could carry it.
 */
function readBase(env: Env, name: string, fallback?: string): string {
  const raw = env[name] || fallback;
  if (!raw) throw new TargetError(`${name} is not set; set it to the API's base URL, e.g. http://127.0.0.1:4010`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TargetError(
      `${name} must be an absolute http(s) URL such as http://127.0.0.1:4010; received ${JSON.stringify(raw)}`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new TargetError(`${name} must use http or https; received ${u.protocol}`);
  if (u.username || u.password)
    throw new TargetError(`${name} must not contain credentials; set TARGET_ACCOUNT_SID and TARGET_AUTH_TOKEN instead`);
  if (u.search || u.hash)
    throw new TargetError(
      `${name} must be a base URL without a query or fragment (a path prefix such as /twilio-api is fine); received ${JSON.stringify(u.origin + u.pathname)} with one`,
    );
  return u.origin + u.pathname.replace(/\/+$/, '');
}

/** Reads a SID setting and checks it against the spec's pattern for that field. */
function readSid(env: Env, name: string, field: SidField, what: string): string {
  const raw = env[name];
  const pattern = contract.sids.pattern(field);
  if (!raw) throw new TargetError(`${name} is not set; set it to ${what} (${pattern.source})`);
  if (!pattern.test(raw))
    throw new TargetError(`${name} must match ${pattern.source} (${what}); received ${JSON.stringify(raw)}`);
  return raw;
}

/** Reads and validates the TARGET_* settings once; null when TARGET_URL is unset (the embedded emulator is used). */
export function readTarget(env: Env = process.env): Target | null {
  if (!env.TARGET_URL) return null;
  const url = readBase(env, 'TARGET_URL');
  const publicUrl = readBase(env, 'TARGET_PUBLIC_URL', url);
  const accountSid = readSid(env, 'TARGET_ACCOUNT_SID', 'account_sid', 'the Account SID used as the Basic user');
  const token = env.TARGET_AUTH_TOKEN;
  if (!token)
    throw new TargetError(
      'TARGET_AUTH_TOKEN is not set; set it to the Auth Token of TARGET_ACCOUNT_SID (it is never printed)',
    );
  // Control characters would corrupt the Authorization header.
  if (/[\x00-\x1f\x7f]/.test(token))
    throw new TargetError(
      'TARGET_AUTH_TOKEN contains control characters (a stray newline?); set it to the bare Auth Token',
    );
  const serviceSid = readSid(
    env,
    'TARGET_SERVICE_SID',
    'chat_service_sid',
    'the SID of a non-default Conversation Service',
  );
  const conversationSid = env.TARGET_CONVERSATION_SID;
  if (!conversationSid)
    throw new TargetError(
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
  });
}

/** Reads the optional default-service message: both settings or neither. */
function readDefaultMessage(env: Env): Pick<Target, 'defaultConversationSid' | 'defaultMessageSid'> {
  const conversation = env.TARGET_DEFAULT_CONVERSATION_SID;
  const message = env.TARGET_DEFAULT_MESSAGE_SID;
  if (!conversation && !message) return {};
  if (!conversation)
    throw new TargetError(
      'TARGET_DEFAULT_CONVERSATION_SID is not set but TARGET_DEFAULT_MESSAGE_SID is; set it to the Conversation SID (or unique name) of that message in the default service, or unset both',
    );
  const what = "the SID of a message in the account's default service with at least 3 receipts";
  return {
    defaultConversationSid: conversation,
    defaultMessageSid: readSid(env, 'TARGET_DEFAULT_MESSAGE_SID', 'message_sid', what),
  };
}

/** Freezes a target, hiding the token from enumeration (JSON, console, reports). */
export function freezeTarget(t: Target): Target {
  const { authToken, ...visible } = t;
  const out = { ...visible } as Target;
  Object.defineProperty(out, 'authToken', { value: authToken, enumerable: false });
  return Object.freeze(out);
}

/** Reads the target for the config: a bad setting prints its one line and ends the run before any test starts. */
export function readTargetOrExit(env: Env = process.env): Target | null {
  try {
    return processTarget(env);
  } catch (e) {
    if (!(e instanceof TargetError)) throw e;
    console.error(`Target settings: ${e.message}`);
    process.exit(2);
  }
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
