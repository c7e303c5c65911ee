import { createHash, timingSafeEqual } from 'node:crypto';
import type { Account } from './store.js';

const SCHEME = 'basic ';
/** Longer Authorization headers are refused unread. */
const MAX_HEADER = 1024;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** HTTP Basic check against every account, in constant time (digests compared with timingSafeEqual, no early exit). */
export class Auth {
  private readonly expected: Buffer[];

  constructor(accounts: readonly Account[]) {
    this.expected = accounts.map((a) => digest(Buffer.from(`${a.sid}:${a.token}`).toString('base64')));
  }

  /** The index of the account whose credentials the header carries, or -1. */
  account(header: string | undefined): number {
    if (header === undefined || header.length > MAX_HEADER || header.slice(0, SCHEME.length).toLowerCase() !== SCHEME) return -1;
    const given = digest(header.slice(SCHEME.length).trim());
    let found = -1;
    for (let i = 0; i < this.expected.length; i++) if (timingSafeEqual(given, this.expected[i])) found = i;
    return found;
  }
}
