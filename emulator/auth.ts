import type { Account } from './store.js';

const SCHEME = 'Basic ';
/** Longer Authorization headers are refused unread. */
const MAX_HEADER = 1024;

/** Compares two strings in time that depends only on the expected one's length (no early exit, no allocation). */
function sameString(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i); // NaN past the end counts as 0
  return diff === 0;
}

/** HTTP Basic check against every account in constant time: every account compared in full, no early exit. */
export class Auth {
  private readonly expected: string[];

  constructor(accounts: readonly Account[]) {
    // computed once: a request only compares characters
    this.expected = accounts.map((a) => SCHEME + Buffer.from(`${a.sid}:${a.token}`).toString('base64'));
  }

  /** The index of the account whose credentials the header carries, or -1. */
  account(header: string | undefined): number {
    if (header === undefined || header.length > MAX_HEADER) return -1;
    // the scheme is case-insensitive and may be followed by extra spaces: compare the canonical form
    const given = header.startsWith(SCHEME) ? header : SCHEME + header.replace(/^basic +/i, '').trim();
    let found = -1;
    for (let i = 0; i < this.expected.length; i++) if (sameString(given, this.expected[i])) found = i;
    return found;
  }
}
