import type { AuthMode } from '../spec/checks/index.js';
import { basicAuth } from './basic-auth.js';
import type { Target } from './settings.js';

/** The password sent by the wrong-token auth probe. */
const WRONG_TOKEN = 'not-the-auth-token';

/**
 * The Authorization header for each kind of credentials a probe sends (none: no header); `unknownSid` is a well-formed
 * account SID the target does not have (sent with the target's token by 'other-account').
 */
export function authHeader(auth: AuthMode, target: Target, unknownSid: string): Record<string, string> {
  const { otherAccountSid, otherAuthToken } = target;
  // the second account's own credentials (tenancy probes run only when the target names both)
  if (auth === 'other-tenant') return { authorization: basicAuth(otherAccountSid ?? '', otherAuthToken ?? '') };
  const user = auth === 'other-account' ? unknownSid : target.accountSid;
  const pass = auth === 'wrong-token' ? WRONG_TOKEN : target.authToken;
  // Malformed headers (the generated phase): none may be taken for the target's credentials.
  if (auth === 'bearer') return { authorization: `Bearer ${pass}` };
  if (auth === 'not-base64') return { authorization: `Basic ${user}:${pass}` };
  if (auth === 'no-colon') return { authorization: 'Basic ' + Buffer.from(user + pass).toString('base64') };
  if (auth === 'empty-token') return { authorization: basicAuth(user, '') };
  return auth === 'none' ? {} : { authorization: basicAuth(user, pass) };
}
