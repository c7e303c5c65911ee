import { contract, type SidField } from '../spec/contract.js';

/** The environment settings are read from. */
export type Env = Record<string, string | undefined>;

/** A setting that is missing or malformed; its message is the one line the user sees (never the token). */
export class TargetError extends Error {
  override name = 'TargetError';
}

/**
 * Reads a base URL setting: an http(s) origin, optionally with a path prefix (a gateway's `/twilio-api`) under which
 * the suite adds `/v1/...`. A trailing slash is dropped (`…/twilio-api/` is `…/twilio-api`); a query or fragment is
 * refused, since no request could carry it.
 */
export function readBase(env: Env, name: string, fallback?: string): string {
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
export function readSid(env: Env, name: string, field: SidField, what: string): string {
  const raw = env[name];
  const pattern = contract.sids.pattern(field);
  if (!raw) throw new TargetError(`${name} is not set; set it to ${what} (${pattern.source})`);
  if (!pattern.test(raw))
    throw new TargetError(`${name} must match ${pattern.source} (${what}); received ${JSON.stringify(raw)}`);
  return raw;
}

/** Reads an Auth Token setting: set, and free of control characters (they would corrupt the Authorization header). */
export function readToken(env: Env, name: string, account: string): string {
  const token = env[name];
  if (!token) throw new TargetError(`${name} is not set; set it to the Auth Token of ${account} (it is never printed)`);
  if (/[\x00-\x1f\x7f]/.test(token))
    throw new TargetError(`${name} contains control characters (a stray newline?); set it to the bare Auth Token`);
  return token;
}
