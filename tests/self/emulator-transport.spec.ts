import { test, expect } from '../../fixtures/test.js';
import { connect } from 'node:net';
import { contract } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { basic, send, targetList } from './emulator-http.js';
import { rawExchange, rawRequest } from './emulator-raw.js';

const auth = (e: Emulator) => ({ Authorization: basic(e.target) });

/** Raw requests that bypass a well-behaved client, and the status each must get (always a Twilio-shaped JSON error). */
const cases: [string, (e: Emulator) => string | Buffer, number][] = [
  [
    'oversized headers',
    (e) => rawRequest('GET', targetList(e.target), { ...auth(e), 'X-Big': 'a'.repeat(40_000) }),
    431,
  ],
  [
    'an oversized request line',
    (e) => rawRequest('GET', targetList(e.target, 'x=' + 'y'.repeat(40_000)), auth(e)),
    431,
  ],
  ['a garbage request line', () => 'NOT HTTP AT ALL\r\n\r\n', 400],
  ['a bad header line', (e) => `GET ${targetList(e.target)} HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n`, 400],
  ['CONNECT', () => 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n', 405],
  [
    'an Upgrade request',
    (e) => rawRequest('GET', targetList(e.target), { ...auth(e), Upgrade: 'websocket', Connection: 'Upgrade' }),
    405,
  ],
  // Node answered these two with an empty body of its own
  [
    'an HTTP/1.1 request without a Host header',
    (e) => `GET ${targetList(e.target)} HTTP/1.1\r\nAuthorization: ${basic(e.target)}\r\nConnection: close\r\n\r\n`,
    400,
  ],
  [
    'an Expect header it does not meet',
    (e) => rawRequest('GET', targetList(e.target), { ...auth(e), Expect: 'banana' }),
    417,
  ],
  [
    'a POST with a large body it never reads',
    (e) =>
      rawRequest('POST', targetList(e.target), { ...auth(e), 'Content-Length': String(5_000_000) }) +
      'x'.repeat(100_000),
    405,
  ],
];

test.describe('emulator transport limits', () => {
  for (const [name, build, status] of cases) {
    test(`${name} gets HTTP ${status} with a Twilio-shaped JSON body, and the server keeps serving`, async ({
      emulator: emu,
    }) => {
      const a = await rawExchange(emu.url, build(emu));
      expect(a.timedOut).toBe(false);
      expect(a.status).toBe(status);
      expect(a.headers['content-type']).toBe('application/json');
      expect(contract.errors.validate(a.status, JSON.parse(a.body))).toEqual([]);
      expect((await send(emu, targetList(emu.target))).status).toBe(200);
    });
  }

  test('a client that trickles its headers (slowloris) gets a Twilio-shaped 408 and is cut off', async ({
    emulator: emu,
  }) => {
    test.setTimeout(60_000); // the server's header time limit is 10 s
    const socket = connect(Number(new URL(emu.url).port), '127.0.0.1');
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(`GET ${targetList(emu.target)} HTTP/1.1\r\nHost: x\r\nX-Slow: `);
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('a');
    }, 500);
    await closed;
    clearInterval(drip);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as unknown;
    expect(contract.errors.validate(408, body)).toEqual([]);
  });

  test('a half-closed connection still gets its answer', async ({ emulator: emu }) => {
    const a = await rawExchange(emu.url, rawRequest('GET', targetList(emu.target), auth(emu)), 5_000, true);
    expect(a.status).toBe(200);
  });

  test('a client that sends half a request and vanishes does not disturb others', async ({ emulator: emu }) => {
    const socket = connect(Number(new URL(emu.url).port), '127.0.0.1');
    await new Promise<void>((resolve) =>
      socket.write(`GET ${targetList(emu.target)} HTTP/1.1\r\nHost: x\r\nAuthoriz`, () => resolve()),
    );
    socket.destroy();
    expect((await send(emu, targetList(emu.target))).status).toBe(200);
  });
});
