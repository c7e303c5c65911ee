import { expect, test } from '../../fixtures/test.js';
import { basicAuth } from '../../client/basic-auth.js';
import { redact, secretForms } from '../../client/redact.js';

const secret = { accountSid: 'AC' + 'a1'.repeat(16), authToken: '6e39e75f' + '0123456789abcdef01234567' };
const pair = `${secret.accountSid}:${secret.authToken}`;

/** Every way a target might echo the credentials back. */
const echoes: [string, string][] = [
  ['the plain token', secret.authToken],
  ['the Basic header', basicAuth(secret.accountSid, secret.authToken)],
  ['the base64 pair without the scheme', Buffer.from(pair).toString('base64')],
  ['the base64url pair', Buffer.from(pair).toString('base64url')],
  ['the base64 token', Buffer.from(secret.authToken).toString('base64')],
  ['the percent-encoded base64 pair', encodeURIComponent(Buffer.from(pair).toString('base64'))],
  ['the percent-encoded pair', encodeURIComponent(pair)],
  ['a Basic header of other credentials', basicAuth('ACffff', 'another-secret-value')],
];

test.describe('redact', () => {
  for (const [name, value] of echoes) {
    test(`removes ${name} from a text`, () => {
      const out = redact(`received "${value}" in a receipt field`, secret);
      expect(out).toContain('[redacted]');
      for (const form of secretForms(secret)) expect(out).not.toContain(form);
      expect(out).not.toContain(value);
    });
  }

  test("removes every form of a second account's token too (TARGET_OTHER_*), in the same pass", () => {
    const other = { otherAccountSid: 'AC' + 'b2'.repeat(16), otherAuthToken: '7f4a' + 'fedcba9876543210fedcba98765' };
    const both = { ...secret, ...other };
    const otherPair = `${other.otherAccountSid}:${other.otherAuthToken}`;
    const text = `a ${other.otherAuthToken} b ${Buffer.from(otherPair).toString('base64url')} c ${secret.authToken}`;
    const out = redact(text, both);
    expect(out).toBe('a [redacted] b [redacted] c [redacted]');
    expect(secretForms(both)).toEqual(expect.arrayContaining([other.otherAuthToken, ...secretForms(secret)]));
  });

  test('removes every form of every secret of a list (the proxy redacts against every pair it saw)', () => {
    const seen = { accountSid: 'AC' + 'c3'.repeat(16), authToken: '9d8c' + '00112233445566778899aabbcc' };
    const text = `${secret.authToken} ${Buffer.from(`${seen.accountSid}:${seen.authToken}`).toString('base64')}`;
    expect(redact(text, [secret, seen])).toBe('[redacted] [redacted]');
    expect(redact(text, [])).toBe(text);
  });

  test('leaves a text without credentials unchanged', () => {
    const text = '[receipt_schema] /sid: expected ^DY[0-9a-fA-F]{32}$, received "IM00"';
    expect(redact(text, secret)).toBe(text);
  });
});
