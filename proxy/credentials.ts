import { contract } from '../spec/contract.js';
import type { AuthMode } from '../spec/checks/index.js';
import { parseBasic } from '../client/basic-auth.js';
import { redactorFor, type Redactor, type Secret } from '../client/redact.js';

/** What a request's Authorization header says: the mode, and the account when the Basic user is an Account SID. */
export interface Credentials {
  auth: AuthMode;
  accountSid: string | null;
  secret: Secret | null;
}

/** Reads a Basic Authorization header; an API key (SK…) or an unreadable header gives no account. */
export function readCredentials(header: string | undefined): Credentials {
  if (!header) return { auth: 'none', accountSid: null, secret: null };
  const basic = parseBasic(header);
  if (!basic) return { auth: 'valid', accountSid: null, secret: null };
  const secret = { accountSid: basic.user, authToken: basic.password };
  // The server decides whether the token is right; the proxy only knows which account was claimed.
  const claimed = contract.sids.pattern('account_sid').test(basic.user);
  return { auth: 'valid', accountSid: claimed ? basic.user : null, secret };
}

/** Every pair of credentials seen in traffic, which every output (console, recording, report) is redacted against. */
export class SecretsSeen {
  private readonly byPair = new Map<string, Secret>();
  private readonly redactors = new Map<string, Redactor>();
  /** Bounds memory against a client cycling through endless credentials. */
  private static readonly MAX_SECRETS = 1000;

  /** Adds a secret seen on a request. */
  remember(secret: Secret | null): void {
    if (!secret || this.byPair.size >= SecretsSeen.MAX_SECRETS) return;
    this.byPair.set(`${secret.accountSid}:${secret.authToken}`, secret);
  }

  /** The redactor of one request's secret (none: redacts nothing but Basic values), its forms derived once a pair. */
  redactorOf(secret: Secret | null): Redactor {
    const key = secret ? `${secret.accountSid}:${secret.authToken}` : '';
    let r = this.redactors.get(key);
    if (!r) {
      r = redactorFor(secret);
      if (this.redactors.size < SecretsSeen.MAX_SECRETS) this.redactors.set(key, r);
    }
    return r;
  }

  /** The secrets seen so far, for redact(). */
  get all(): Secret[] {
    return [...this.byPair.values()];
  }
}
