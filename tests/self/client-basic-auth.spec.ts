import { expect, test } from '../../fixtures/test.js';
import { basicAuth, parseBasic } from '../../client/basic-auth.js';

/** Headers that are not Basic credentials, and why. */
const unreadable: [string, string | undefined][] = [
  ['no header', undefined],
  ['another scheme', 'Bearer abcdefgh'],
  ['not base64', 'Basic AC1:secret'],
  ['no colon in the pair', 'Basic ' + Buffer.from('ACnocolon').toString('base64')],
  ['no payload', 'Basic '],
];

test.describe('client/basic-auth: the one Basic encoder and decoder (RFC 7617)', () => {
  test('reads back what it builds, a colon in the password kept', () => {
    expect(basicAuth('AC1', 'a:b')).toBe('Basic ' + Buffer.from('AC1:a:b').toString('base64'));
    expect(parseBasic(basicAuth('AC1', 'a:b'))).toEqual({ user: 'AC1', password: 'a:b' });
    expect(parseBasic(basicAuth('AC1', ''))).toEqual({ user: 'AC1', password: '' });
  });

  test('reads the scheme in any case and spaces around the payload', () => {
    const payload = basicAuth('AC1', 'tok').slice('Basic '.length);
    expect(parseBasic(`bAsIc   ${payload}  `)).toEqual({ user: 'AC1', password: 'tok' });
  });

  for (const [what, header] of unreadable) {
    test(`${what} reads as no credentials`, () => {
      expect(parseBasic(header)).toBeNull();
    });
  }
});
