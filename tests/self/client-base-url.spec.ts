import { test, expect } from '../../fixtures/test.js';
import { checkBaseUrl } from '../../client/base-url.js';
import { UsageError } from '../../client/usage-error.js';

const PASSWORD = 'hunter2hunter2';

/** Accepted base URLs and what each is judged as: origin and path prefix, no trailing slash. */
const accepted: [string, string][] = [
  ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
  ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
  ['https://GW.example.test:443/twilio-api/', 'https://gw.example.test/twilio-api'],
  ['http://[::1]:8080/edge/twilio-api', 'http://[::1]:8080/edge/twilio-api'],
];

/** Refused values and the exact one line each gets. */
const refused: [string, string][] = [
  ['not a url', '--target must be an absolute http(s) URL such as http://127.0.0.1:4010; received "not a url"'],
  ['localhost:4010', '--target must use http or https; received localhost:'],
  ['ftp://example.com', '--target must use http or https; received ftp:'],
  [`http://user:${PASSWORD}@127.0.0.1:4010`, '--target must not contain credentials'],
  [
    'http://127.0.0.1:4010/twilio-api?x=1',
    '--target must be a base URL without a query or fragment (a path prefix such as /twilio-api is fine); received "http://127.0.0.1:4010/twilio-api" with one',
  ],
  [
    'http://127.0.0.1:4010/#top',
    '--target must be a base URL without a query or fragment (a path prefix such as /twilio-api is fine); received "http://127.0.0.1:4010/" with one',
  ],
];

test.describe('client/base-url: the one rule for TARGET_URL, --target, --a/--b, --public-url and public-url', () => {
  for (const [raw, base] of accepted) {
    test(`accepts ${raw} as ${base}`, () => {
      expect(checkBaseUrl('--target', raw)).toBe(base);
    });
  }

  for (const [raw, line] of refused) {
    test(`refuses ${raw.replace(PASSWORD, '<password>')} with one line, never the password`, () => {
      expect(() => checkBaseUrl('--target', raw)).toThrow(new UsageError(line));
    });
  }

  test('says what to do instead of credentials where the setting knows it', () => {
    const rule = { credentials: 'set TARGET_ACCOUNT_SID and TARGET_AUTH_TOKEN instead' };
    expect(() => checkBaseUrl('TARGET_URL', `http://u:${PASSWORD}@h`, rule)).toThrow(
      new UsageError('TARGET_URL must not contain credentials; set TARGET_ACCOUNT_SID and TARGET_AUTH_TOKEN instead'),
    );
  });

  test('an origin-only setting (the emulator writes its base path itself) refuses a path', () => {
    expect(checkBaseUrl('public-url', 'https://api.example.test/', { path: false })).toBe('https://api.example.test');
    expect(() => checkBaseUrl('public-url', 'https://api.example.test/edge', { path: false })).toThrow(
      new UsageError(
        'public-url must be an origin such as http://127.0.0.1:4010, without a path, query or fragment; received "https://api.example.test/edge"',
      ),
    );
  });
});
