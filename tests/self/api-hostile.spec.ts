import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, test } from '../../fixtures/test.js';
import { Api, defaultLimits } from '../../client/api.js';
import { freezeTarget } from '../../client/settings.js';
import { contract } from '../../spec/contract.js';
import { judgeExchange } from '../../spec/checks/index.js';
import { sidOf } from './exchanges.js';
import { slicesShown } from './token-slices.js';

/** Starts a loopback server; resolves with its origin. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const TOKEN = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0';
/** A receipt SID 100 characters long: the token after it lies where a 120-character excerpt cuts. */
const LONG_SID = sidOf('sid', '0').padEnd(100, '0');
let foreignHits = 0;
let tooMany = 0;
let foreverHits = 0;
let noRetryAfter = 0;
let acceptEncoding = '';
const spaces = gzipSync(Buffer.alloc(1 << 20, 0x20));
const foreign = createServer((_req, res) => {
  foreignHits++;
  res.end('{}');
});
const hostile = createServer((req, res) => {
  const json = { 'content-type': 'application/json' };
  if (req.url === '/hang') return; // never answers
  if (req.url === '/close') return req.socket.destroy();
  if (req.url === '/huge') return res.writeHead(200, json).end('"' + 'x'.repeat(2_000_000) + '"');
  if (req.url === '/redirect') return res.writeHead(302, { location: `${foreignOrigin}/steal` }).end();
  if (req.url === '/busy' && tooMany++ === 0) return res.writeHead(429, { 'retry-after': '0', ...json }).end('{}');
  if (req.url === '/forever')
    return (foreverHits++, res.writeHead(429, { 'retry-after': '999999', ...json }).end('{}'));
  if (req.url === '/no-retry-after' && noRetryAfter++ < 2) return res.writeHead(429, json).end('{}');
  acceptEncoding = String(req.headers['accept-encoding']);
  if (req.url === '/bomb') {
    // 64 MiB of whitespace from 64 KB: stopped while reading, never buffered whole
    res.writeHead(200, { ...json, 'content-encoding': 'gzip' }).write(gzipSync('{}'));
    for (let i = 0; i < 64 && !res.destroyed; i++) res.write(spaces);
    return res.end();
  }
  if (req.url === '/echo') {
    // the token where an excerpt of 120 characters would cut it, and spelled in JSON escapes; a header echoes it too
    const escaped = [...TOKEN].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('');
    const body = `{"sid":"${LONG_SID}${TOKEN}","status":"${escaped}"}`;
    return res.writeHead(200, { ...json, 'x-echo': `token ${TOKEN}` }).end(body);
  }
  if (req.url === '/br')
    return res.writeHead(200, { ...json, 'content-encoding': 'br' }).end(brotliCompressSync('{"ok":true}'));
  res.writeHead(200, json).end('{}');
});
let foreignOrigin = '';
let api: Api;

test.beforeAll(async () => {
  foreignOrigin = await listen(foreign);
  const url = await listen(hostile);
  const target = freezeTarget({
    url,
    publicUrl: url,
    accountSid: sidOf('account_sid', 'a'),
    authToken: TOKEN,
    serviceSid: sidOf('chat_service_sid', 'b'),
    conversationSid: 'c',
    messageSid: sidOf('message_sid', 'd'),
  });
  api = new Api(target, sidOf('account_sid', 'e'), {
    ...defaultLimits,
    timeoutMs: 500,
    maxFailures: 100,
    maxBackoffMs: 50,
  });
});
test.afterAll(async () => {
  api.close();
  hostile.closeAllConnections();
  await Promise.all([foreign, hostile].map((s) => new Promise((r) => s.close(r))));
});

test.describe('fixtures/api.ts against a hostile target: a clear failed check, never a hang, a crash or a leak', () => {
  const cases: [string, string][] = [
    ['/hang', 'no response within 500 ms'],
    ['/close', ''],
    ['/huge', 'exceeds the 1000000-byte limit'],
  ];
  for (const [path, words] of cases) {
    test(`${path}: response_complete fails with a one-line reason`, async () => {
      const ex = await api.get(path);
      const found = judgeExchange(ex, contract, {
        publicUrl: api.target.publicUrl,
        accountSid: api.target.accountSid,
        expect: 'page',
      });
      expect(found.map((v) => v.check)).toEqual(['response_complete']);
      expect(found[0].message).toContain(words);
      expect(found[0].message).not.toContain('\n');
      expect(found[0].message).not.toContain(TOKEN);
    });
  }

  test('an answer is clean before anything reads it: its text, parsed strings and headers hold no piece of the token', async () => {
    const { response } = await api.get('/echo');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ sid: `${LONG_SID}[redacted]`, status: '[redacted]' });
    expect(response.headers['x-echo']).toBe('token [redacted]');
    // any excerpt made from it (a 120-character cut too) cannot show even half of the token
    const everything = JSON.stringify(response);
    expect(slicesShown(everything, TOKEN)).toEqual([]);
  });

  test('a redirect to another host is not followed: the credentials stay home, response_status fails', async () => {
    const ex = await api.get('/redirect');
    const found = judgeExchange(ex, contract, {
      publicUrl: api.target.publicUrl,
      accountSid: api.target.accountSid,
      expect: 'page',
    });
    expect(found.map((v) => v.check)).toContain('response_status');
    expect(found[0].message).toContain('redirecting to');
    expect(foreignHits).toBe(0);
  });

  test('a 429 is retried after Retry-After instead of failing, and comes back with the exchange to be judged', async () => {
    const ex = await api.get('/busy');
    expect(ex.response.status).toBe(200);
    expect(ex.throttled?.map((r) => r.status)).toEqual([429]);
  });

  test('a gzip bomb stops at the body cap while reading, counted after decompression; identity is asked for', async () => {
    const ex = await api.get('/bomb');
    expect(acceptEncoding).toBe('identity');
    expect(ex.response.error).toMatch(
      /^body (exceeds the 1000000-byte limit \(after gzip decompression|inflates more than 100:1)/,
    );
  });

  test('a compressed body within the limits is decoded (br)', async () => {
    expect((await api.get('/br')).response.json).toEqual({ ok: true });
  });

  test('a 429 without Retry-After is retried after a short backoff of its own, and the report says so', async () => {
    const own = new Api(api.target, sidOf('account_sid', 'e'));
    const notes: string[] = [];
    try {
      expect((await own.get('/no-retry-after', 'valid', (type) => notes.push(type))).response.status).toBe(200);
      expect(notes.filter((n) => n === '429 without Retry-After')).toHaveLength(2);
    } finally {
      own.close();
    }
  });

  test('a target that answers 429 with Retry-After: 999999 gets one request; later ones fail at once with one message', async () => {
    const own = new Api(api.target, sidOf('account_sid', 'e'));
    const verdict =
      'the target asked to wait 999999 s after a 429, longer than CONTRACT_RATE_PATIENCE=30 s allows: ' +
      'it is rate-limiting and serving nothing; the remaining requests fail at once';
    try {
      const first = await own.get('/forever');
      expect(first.response.error).toBe(`not retried: ${verdict}`);
      expect(first.throttled?.map((r) => r.status)).toEqual([429]); // judged as an answer, like any other
      const later = await Promise.all(Array.from({ length: 20 }, () => own.get('/forever')));
      expect(new Set(later.map((e) => e.response.error))).toEqual(new Set([`not sent: ${verdict}`]));
      expect(foreverHits).toBe(1);
    } finally {
      own.close();
    }
  });

  test('a link to a foreign origin is never followed', () => {
    expect(api.pathOf(`${foreignOrigin}/v1/x`)).toBeNull();
    expect(api.pathOf(`${api.target.publicUrl}/v1/x?PageSize=1`)).toBe('/v1/x?PageSize=1');
  });
});
