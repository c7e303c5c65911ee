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

/** Every pair of credentials seen in traffic, which every exchange judged and every output is redacted against. */
export class SecretsSeen {
  private readonly byPair = new Map<string, Secret>();
  private combined: Redactor | null = null;
  /** Bounds memory against a client cycling through endless credentials. */
  private static readonly MAX_SECRETS = 1000;

  /** Adds a secret seen on a request. */
  remember(secret: Secret | null): void {
    if (!secret || this.byPair.size >= SecretsSeen.MAX_SECRETS) return;
    const key = `${secret.accountSid}:${secret.authToken}`;
    if (this.byPair.has(key)) return;
    this.byPair.set(key, secret);
    this.combined = null; // derived again, with the new pair's forms, when next asked
  }

  /**
   * The redactor of every pair seen so far, their forms derived once (again only after a new pair): an answer to one
   * client may hold another client's token, which an excerpt must not show, not even cut in half.
   */
  get redactor(): Redactor {
    return (this.combined ??= redactorFor(this.all));
  }

  /** The secrets seen so far. */
  get all(): Secret[] {
    return [...this.byPair.values()];
  }
}
