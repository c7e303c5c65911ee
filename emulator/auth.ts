import { contract } from '../spec/contract.js';
import { basicAuth } from '../client/basic-auth.js';
import type { Account } from './store.js';

/** Longer Authorization headers are refused unread. */
const MAX_HEADER = 1024;
/** The scheme's letters in lower case (RFC 7617: `Basic`, case-insensitive). */
const SCHEME = 'basic';
const SPACE = 0x20;
/**
 * Base64 characters that encode whole 3-byte groups of the SID alone: they never depend on the token, so they can pick
 * the account before the token is compared.
 */
const KEY_CHARS = Math.floor(contract.sids.length('account_sid') / 3) * 4;

/** Compares a header's payload at an offset with an expected string, in time set by the expected length only. */
function samePayload(header: string, at: number, expected: string): boolean {
  let diff = (header.length - at) ^ expected.length;
  // NaN past the end of the header counts as 0, so a short header costs as long as a right one
  for (let i = 0; i < expected.length; i++) diff |= header.charCodeAt(at + i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** Where the base64 payload starts after `Basic` (any case) and one or more spaces; -1 for any other shape. */
function payloadStart(header: string): number {
  if (header.length <= SCHEME.length + 1) return -1;
  for (let i = 0; i < SCHEME.length; i++) if ((header.charCodeAt(i) | 0x20) !== SCHEME.charCodeAt(i)) return -1;
  let at = SCHEME.length;
  while (header.charCodeAt(at) === SPACE) at++;
  return at === SCHEME.length ? -1 : at;
}

/**
 * HTTP Basic as Twilio does it: `Basic`, spaces, then the base64 of exactly `ACCOUNT_SID:AUTH_TOKEN`. Base64 is
 * canonical (RFC 4648: one encoding per byte string, padding included), so the payload must equal the expected one
 * character for character: no decoding, no allocation beyond one key. The account is found by its SID's characters,
 * then the whole payload (token included) is compared in constant time.
 */
export class Auth {
  /** The expected payloads by the characters that encode the SID (two SIDs may share them: a short list). */
  private readonly byKey = new Map<string, { account: number; payload: string }[]>();

  constructor(accounts: readonly Account[]) {
    accounts.forEach((a, account) => {
      const payload = basicAuth(a.sid, a.token).slice(SCHEME.length + 1); // what follows 'Basic ' from the one builder
      const key = payload.slice(0, KEY_CHARS);
      const list = this.byKey.get(key) ?? [];
      list.push({ account, payload });
      this.byKey.set(key, list);
    });
  }

  /** The index of the account whose credentials the header carries, or -1. */
  account(header: string | undefined): number {
    if (header === undefined || header.length > MAX_HEADER) return -1;
    const at = payloadStart(header);
    const candidates = at < 0 ? undefined : this.byKey.get(header.slice(at, at + KEY_CHARS));
    if (candidates === undefined) return -1;
    let found = -1;
    for (const c of candidates) if (samePayload(header, at, c.payload)) found = c.account;
    return found;
  }
}
