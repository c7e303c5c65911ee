import { contract } from '../spec/contract.js';
import type { AuthMode } from '../spec/checks/index.js';
import { redact, type Secret } from '../client/redact.js';

/** What a request's Authorization header says: the mode, and the account when the Basic user is an Account SID. */
export interface Credentials {
  auth: AuthMode;
  accountSid: string | null;
  secret: Secret | null;
}

/** Reads a Basic Authorization header; an API key (SK…) or an unreadable header gives no account. */
export function readCredentials(header: string | undefined): Credentials {
  if (!header) return { auth: 'none', accountSid: null, secret: null };
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) return { auth: 'valid', accountSid: null, secret: null };
  const user = decoded.slice(0, colon);
  const secret = { accountSid: user, authToken: decoded.slice(colon + 1) };
  // The server decides whether the token is right; the proxy only knows which account was claimed.
  return { auth: 'valid', accountSid: contract.sids.pattern('account_sid').test(user) ? user : null, secret };
}

/** Remembers every secret seen in traffic and removes all of them from any text (console, recording, report). */
export class Redactor {
  private readonly secrets = new Map<string, Secret>();
  /** Bounds memory against a client cycling through endless credentials. */
  private static readonly MAX_SECRETS = 1000;

  /** Adds a secret seen on a request. */
  remember(secret: Secret | null): void {
    if (!secret || this.secrets.size >= Redactor.MAX_SECRETS) return;
    this.secrets.set(`${secret.accountSid}:${secret.authToken}`, secret);
  }

  /** The text with every remembered secret, in every form, and any Basic credentials removed. */
  clean(text: string): string {
    let out = redact(text, null);
    for (const secret of this.secrets.values()) out = redact(out, secret);
    return out;
  }
}
