import { contract, type SidField } from '../spec/contract.js';
import { checkBaseUrl } from './base-url.js';
import { UsageError } from './usage-error.js';

/** The environment settings are read from. */
export type Env = Record<string, string | undefined>;

/**
 * Reads a base URL setting: an http(s) origin, optionally with a path prefix (a gateway's `/twilio-api`) under which
 * the suite adds `/v1/...`; checked by the one base URL rule (checkBaseUrl), a trailing slash dropped.
 */
export function readBase(env: Env, name: string, fallback?: string): string {
  const raw = env[name] || fallback;
  if (!raw) throw new UsageError(`${name} is not set; set it to the API's base URL, e.g. http://127.0.0.1:4010`);
  return checkBaseUrl(name, raw, { credentials: 'set TARGET_ACCOUNT_SID and TARGET_AUTH_TOKEN instead' });
}

/** Reads a SID setting and checks it against the spec's pattern for that field. */
export function readSid(env: Env, name: string, field: SidField, what: string): string {
  const raw = env[name];
  const pattern = contract.sids.pattern(field);
  if (!raw) throw new UsageError(`${name} is not set; set it to ${what} (${pattern.source})`);
  if (!pattern.test(raw))
    throw new UsageError(`${name} must match ${pattern.source} (${what}); received ${JSON.stringify(raw)}`);
  return raw;
}

/** Reads an Auth Token setting: set, and free of control characters (they would corrupt the Authorization header). */
export function readToken(env: Env, name: string, account: string): string {
  const token = env[name];
  if (!token) throw new UsageError(`${name} is not set; set it to the Auth Token of ${account} (it is never printed)`);
  if (/[\x00-\x1f\x7f]/.test(token))
    throw new UsageError(`${name} contains control characters (a stray newline?); set it to the bare Auth Token`);
  return token;
}
