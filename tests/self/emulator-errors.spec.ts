import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { send, targetList, twilioErrorProblem } from './emulator-http.js';

const fetchPath = (e: Emulator, sid: string, message = e.target.messageSid, service = e.target.serviceSid): string =>
  contract.paths.build('fetch', 'service', {
    ChatServiceSid: service,
    ConversationSid: e.target.conversationSid,
    MessageSid: message,
    Sid: sid,
  });
const digits = contract.sids.length('sid') - String(contract.sids.prefix('sid')).length;

/** Requests that must get a Twilio-shaped 404: unknown or malformed SIDs and paths. */
const notFound: [string, (e: Emulator) => string][] = [
  ['unknown receipt SID', (e) => fetchPath(e, contract.sids.prefix('sid') + 'f'.repeat(digits))],
  ['receipt SID one digit short', (e) => fetchPath(e, contract.sids.prefix('sid') + 'f'.repeat(digits - 1))],
  ['receipt SID with a wrong prefix', (e) => fetchPath(e, contract.sids.prefix('message_sid') + 'f'.repeat(digits))],
  ['receipt SID not hex', (e) => fetchPath(e, contract.sids.prefix('sid') + 'z'.repeat(digits))],
  ['receipt SID in upper case', (e) => fetchPath(e, contract.sids.prefix('sid') + 'F'.repeat(digits))],
  [
    'malformed message SID',
    (e) => fetchPath(e, contract.sids.prefix('sid') + '0'.repeat(digits), `${contract.sids.prefix('message_sid')}nope`),
  ],
  ['malformed service SID', (e) => fetchPath(e, contract.sids.prefix('sid') + '0'.repeat(digits), undefined, 'nope')],
  ['unknown conversation name', (e) => targetList(e.target).replace(e.target.conversationSid, 'no-such-room')],
  ['bad percent-encoding in a SID', (e) => fetchPath(e, '%zz').replace('%25zz', '%zz')],
  ['an encoded slash in a SID', (e) => fetchPath(e, 'a%2Fb').replace('a%252Fb', 'a%2Fb')],
  ['path traversal', (e) => targetList(e.target) + '/../../Receipts'],
  ['a path outside the API', () => '/v1/Services'],
  ['the root', () => '/'],
  ['an absolute-form target', (e) => `http://evil.example${targetList(e.target)}`],
];

test.describe('emulator errors: Twilio-shaped 4xx JSON, never a 5xx', () => {
  for (const [name, path] of notFound) {
    test(`${name} gets 404 with Twilio error ${contract.errors.example(404).code}`, async ({ emulator: emu }) => {
      const a = await send(emu, path(emu));
      expect(a.status, a.text).toBe(404);
      expect(twilioErrorProblem(a)).toBe('');
    });
  }

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND']) {
    test(`${method} gets 405 with Allow: GET`, async ({ emulator: emu }) => {
      const a = await send(emu, targetList(emu.target), emu.target, method);
      expect(a.status).toBe(405);
      expect(a.headers.allow).toBe('GET');
      expect(twilioErrorProblem(a)).toBe('');
    });
  }

  test('a huge query string gets a Twilio-shaped 4xx, and the server keeps serving', async ({ emulator: emu }) => {
    const a = await send(emu, targetList(emu.target, 'x=' + 'y'.repeat(100_000)));
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect(a.type).toContain('application/json');
    expect(contract.errors.validate(a.status, a.json)).toEqual([]);
    expect((await send(emu, targetList(emu.target))).status).toBe(200);
  });

  test('a long but acceptable query with unknown and odd parameters is served', async ({ emulator: emu }) => {
    const a = await send(emu, targetList(emu.target, 'Foo=1&&=&x&' + 'pad=1&'.repeat(500) + 'PageSize=2'));
    expect(a.status, a.text).toBe(200);
  });

  test('a GET with a body is answered and the connection closed', async ({ emulator: emu }) => {
    const a = await send(emu, targetList(emu.target), emu.target, 'GET', { 'content-length': '0' });
    expect(a.status).toBe(200);
  });

  test('every answer is application/json', async ({ emulator: emu }) => {
    for (const path of [targetList(emu.target), '/', targetList(emu.target, 'PageSize=0')]) {
      expect((await send(emu, path)).type).toBe('application/json');
    }
  });
});
