import { timingSafeEqual } from 'node:crypto';
import type { Account } from './store.js';

const SCHEME = 'basic ';
/** Longer Authorization headers are refused unread. */
const MAX_HEADER = 1024;

/** HTTP Basic check against every account in constant time: timingSafeEqual over every account, no early exit. */
export class Auth {
  private readonly expected: Buffer[];

  constructor(accounts: readonly Account[]) {
    // computed once: the request path only compares bytes
    this.expected = accounts.map((a) => Buffer.from(Buffer.from(`${a.sid}:${a.token}`).toString('base64'), 'latin1'));
  }

  /** The index of the account whose credentials the header carries, or -1. */
  account(header: string | undefined): number {
    if (header === undefined || header.length > MAX_HEADER || header.slice(0, SCHEME.length).toLowerCase() !== SCHEME) return -1;
    const given = Buffer.from(header.slice(SCHEME.length).trim(), 'latin1');
    let found = -1;
    // only the length (public: it follows from the SID and token formats) decides before the byte comparison
    for (let i = 0; i < this.expected.length; i++) if (given.length === this.expected[i].length && timingSafeEqual(given, this.expected[i])) found = i;
    return found;
  }
}
