import { expect, test } from '../../fixtures/test.js';
import { followPath } from '../../client/link-policy.js';
import { isLoopback } from '../../client/loopback.js';

const target = { url: 'http://127.0.0.1:4010', publicUrl: 'https://receipts.example.test' };

test.describe('client/link-policy: which links are followed', () => {
  const rows: [string, unknown, string | null][] = [
    [
      'a link at the public origin, sent to TARGET_URL',
      'https://receipts.example.test/v1/x?PageSize=1',
      '/v1/x?PageSize=1',
    ],
    ['a link at TARGET_URL itself', 'http://127.0.0.1:4010/v1/x', '/v1/x'],
    ['a link to a foreign host is never followed', 'https://evil.example/v1/x', null],
    ['a relative link is never followed', '/v1/x', null],
    ['a value that is not a string', null, null],
    ['another port of the same host is another origin', 'http://127.0.0.1:4011/v1/x', null],
  ];
  for (const [title, link, path] of rows) test(title, () => expect(followPath(link, target)).toBe(path));

  const gateway = { url: 'http://127.0.0.1:4010/twilio-api', publicUrl: 'https://gw.example.test/edge/twilio' };
  const prefixed: [string, unknown, string | null][] = [
    [
      'under a base path: a link under the public prefix is sent as its API path',
      'https://gw.example.test/edge/twilio/v1/x?PageSize=1',
      '/v1/x?PageSize=1',
    ],
    ["under a base path: a link under TARGET_URL's own prefix", 'http://127.0.0.1:4010/twilio-api/v1/x', '/v1/x'],
    ['under a base path: a link that drops the prefix is never followed', 'https://gw.example.test/v1/x', null],
    [
      'under a base path: a prefix that only starts the same is another path',
      'https://gw.example.test/edge/twilio2/v1/x',
      null,
    ],
    ['under a base path: the prefix alone names no API path', 'https://gw.example.test/edge/twilio', null],
  ];
  for (const [title, link, path] of prefixed) test(title, () => expect(followPath(link, gateway)).toBe(path));
});

test.describe('client/loopback: which hosts are this machine', () => {
  const rows: [string, boolean][] = [
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['::1', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['conversations.twilio.com', false],
    ['127.0.0.1.evil.test', false],
  ];
  for (const [host, loop] of rows)
    test(`${host} is ${loop ? '' : 'not '}loopback`, () => expect(isLoopback(host)).toBe(loop));
});
