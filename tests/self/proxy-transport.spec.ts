import { spawnSync } from 'node:child_process';
import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { PROXY_ERROR_CODE } from '../../proxy/twilio-error.js';
import { writeSummary } from '../../proxy/write-summary.js';
import { createProxy } from '../../proxy/server.js';
import { leaks, startRig } from './proxy-setup.js';
import { basicAuth } from '../../client/basic-auth.js';
import { sidOf } from './exchanges.js';
import { slicesShown } from './token-slices.js';

/** The receipts list of the rig's target message, and its Basic header. */
function listOf(t: { serviceSid: string; conversationSid: string; messageSid: string }, query = ''): string {
  const path = contract.paths.build('list', 'service', {
    ChatServiceSid: t.serviceSid,
    ConversationSid: t.conversationSid,
    MessageSid: t.messageSid,
  });
  return path + query;
}
const basic = (t: { accountSid: string; authToken: string }): string => basicAuth(t.accountSid, t.authToken);

/** A GET that keeps the body as sent (fetch would decompress it). */
function rawGet(
  url: string,
  authorization: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { authorization } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const failures = [
  { fault: 'hang', timeoutMs: 500, reason: /did not answer within 500 ms/ },
  { fault: 'close-connection', timeoutMs: 5_000, reason: /closed the connection|socket hang up|aborted/ },
  // the padding is 32 MB: a generous time limit, so the size limit is what ends it
  { fault: 'huge-body', timeoutMs: 20_000, reason: /exceeds the 1000000-byte limit/ },
] as const;

test.describe('the validating proxy when the target fails', () => {
  for (const { fault, timeoutMs, reason } of failures) {
    test(`an upstream ${fault} reaches the client as a Twilio-shaped 502 and the report as a violation`, async () => {
      const rig = await startRig(fault, { timeoutMs });
      try {
        const t = rig.emulator.target;
        const res = await fetch(rig.proxy.url + listOf(t), { headers: { authorization: basic(t) } });
        expect(res.status).toBe(502);
        expect(res.headers.get('content-type')).toBe('application/json');
        const body = (await res.json()) as Record<string, unknown>;
        expect(contract.errors.validate(502, body)).toEqual([]);
        expect(body).toMatchObject({ code: PROXY_ERROR_CODE, status: 502 });
        expect(String(body.message)).toMatch(reason);
        const [v] = rig.proxy.summary.violations;
        expect(v).toMatchObject({ check: 'response_complete', pointer: '' });
        expect(v.message).toMatch(reason);
      } finally {
        await rig.stop();
      }
    });
  }
});

test.describe('the validating proxy (transport)', () => {
  test('forwards the answer unchanged and adds only the short violation count when asked', async () => {
    const rig = await startRig('sid-prefix', { violationsHeader: true });
    try {
      const t = rig.emulator.target;
      const direct = await fetch(rig.emulator.url + listOf(t, '?PageSize=2'), { headers: { authorization: basic(t) } });
      const proxied = await fetch(rig.proxy.url + listOf(t, '?PageSize=2'), { headers: { authorization: basic(t) } });
      expect(proxied.status).toBe(direct.status);
      expect(await proxied.text()).toBe(await direct.text());
      expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
      expect(Number(proxied.headers.get('x-contract-violations'))).toBe(rig.proxy.summary.violationCount);
      // a page of 2 receipts, each with a SID of the wrong prefix: two violations, one per receipt
      expect(rig.proxy.summary.violations.map((v) => [v.check, v.pointer])).toEqual([
        ['receipt_schema', '/delivery_receipts/0/sid'],
        ['receipt_schema', '/delivery_receipts/1/sid'],
      ]);
    } finally {
      await rig.stop();
    }
  });

  test('never shows a credential in the console, the recording or the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-secrets-'));
    const record = join(dir, 'traffic.jsonl');
    const rig = await startRig('account-mismatch', { record });
    try {
      const t = rig.emulator.target;
      // The token also rides in the query and in a wrong-token header: every place a careless client puts it.
      await fetch(rig.proxy.url + listOf(t, `?PageSize=2&token=${t.authToken}`), {
        headers: { authorization: basic(t) },
      });
      await fetch(rig.proxy.url + listOf(t), {
        headers: { authorization: basic({ ...t, authToken: t.authToken + 'x' }) },
      });
    } finally {
      await rig.stop();
    }
    const files = writeSummary(rig.proxy.summary, rig.proxy.seen, dir);
    const texts = [rig.lines.join('\n'), readFileSync(record, 'utf8'), ...files.map((f) => readFileSync(f, 'utf8'))];
    // the page of 2 receipts of another account: one line each (the wrong token's 401 breaks nothing)
    expect(rig.lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      '[receipt_account_sid] /delivery_receipts/0/account_sid',
      '[receipt_account_sid] /delivery_receipts/1/account_sid',
    ]);
    for (const text of texts) expect(leaks(rig, text)).toEqual([]);
  });
});

test.describe('the validating proxy with a target that compresses anyway', () => {
  const bodies = [
    { what: 'a small gzip body is judged after decompression', body: '{"code":20404}', reason: null },
    {
      what: 'a gzip bomb is cut where it inflates past the ratio the client allows',
      body: ' '.repeat(5_000_000),
      reason: /^no complete response: body inflates more than 100:1 \(gzip: \d+ bytes read from \d+ on the wire/,
    },
  ];
  for (const { what, body, reason } of bodies) {
    test(`${what}, and the client gets the bytes unchanged`, async () => {
      const packed = gzipSync(body);
      const upstream = createServer((_req, res) => {
        res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end(packed);
      });
      await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
      const port = (upstream.address() as { port: number }).port;
      const proxy = await createProxy({ target: `http://127.0.0.1:${port}`, port: 0, print: () => undefined });
      try {
        const path = contract.paths.build('list', 'default', { ConversationSid: 'CH0', MessageSid: 'IM0' });
        const res = await rawGet(proxy.url + path, basic({ accountSid: 'AC0', authToken: 'x' }));
        expect(res.body.equals(packed)).toBe(true);
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.status).toBe(404);
        const complete = proxy.summary.violations.filter((v) => v.check === 'response_complete');
        if (reason) expect(complete[0]?.message).toMatch(reason);
        else expect(complete).toEqual([]);
        // the small body was read: error_body judged it (its message, more_info and status are missing)
        if (!reason) expect(proxy.summary.violations.some((v) => v.check === 'error_body')).toBe(true);
      } finally {
        await proxy.stop();
        await new Promise((r) => upstream.close(r));
      }
    });
  }
});

/** Runs `fn` with a proxy in front of a target that answers every request with this 404 body, and a list path. */
async function withEchoingTarget(
  body: string,
  fn: (proxy: Awaited<ReturnType<typeof createProxy>>, path: string, printed: string[]) => Promise<void>,
): Promise<void> {
  const upstream = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as { port: number }).port;
  const printed: string[] = [];
  const proxy = await createProxy({ target: `http://127.0.0.1:${port}`, port: 0, print: (l) => printed.push(l) });
  try {
    const ids = { ConversationSid: sidOf('conversation_sid', '0'), MessageSid: sidOf('message_sid', '0') };
    await fn(proxy, contract.paths.build('list', 'default', ids), printed);
  } finally {
    await proxy.stop();
    await new Promise((r) => upstream.close(r));
  }
}

test.describe('the validating proxy with a target that echoes credentials where an excerpt hides them', () => {
  test('a token in JSON escapes, or past an excerpt cut, is judged blanked; the client gets the bytes unchanged', async () => {
    const token = 'c0ffee' + '0123456789abcdef01234567';
    const escaped = [...token].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('');
    const body = `{"code":"${escaped}","message":"m","more_info":"i","status":"${'s'.repeat(100)}${token}"}`;
    await withEchoingTarget(body, async (proxy, path) => {
      const res = await rawGet(proxy.url + path, basic({ accountSid: sidOf('account_sid', '0'), authToken: token }));
      expect(res.body.toString()).toBe(body);
      const lines = proxy.summary.violations.map((v) => `${v.pointer} ${v.message}`).join('\n');
      expect(lines).toMatch(/^\/code .*"\[redacted\]"$/m); // judged, the escaped token blanked before judging
      expect(lines).toMatch(/^\/status .*"s{100}\[redacted\]"$/m); // and the one an excerpt cut blanked whole
      expect(slicesShown(lines, token)).toEqual([]);
    });
  });

  test("another client's token, seen on an earlier request, is judged blanked in this one's answer, even past an excerpt cut", async () => {
    const theirs = 'beef00' + '0123456789abcdef01234567';
    const body = `{"code":20404,"message":"m","more_info":"i","status":"${'s'.repeat(100)}${theirs}"}`;
    await withEchoingTarget(body, async (proxy, path, printed) => {
      // their request first (the proxy learns their token), then ours, answered with their token
      await rawGet(proxy.url + path, basic({ accountSid: sidOf('account_sid', '1'), authToken: theirs }));
      const ours = 'f00d00' + '0123456789abcdef01234567';
      const res = await rawGet(proxy.url + path, basic({ accountSid: sidOf('account_sid', '2'), authToken: ours }));
      expect(res.body.toString()).toBe(body);
      expect(proxy.summary.verdicts).toHaveLength(2);
      const lines = proxy.summary.violations.map((v) => `${v.pointer} ${v.message}`).join('\n');
      expect(lines).toMatch(/^\/status .*"s{100}\[redacted\]"$/m); // judged, their token blanked whole
      expect(slicesShown(`${lines}\n${printed.join('\n')}`, theirs)).toEqual([]);
    });
  });
});

test.describe('npm run proxy (CLI)', () => {
  const refusals = [
    {
      args: ['--target', 'http://203.0.113.5:4010'],
      message: /--target: http:\/\/203\.0\.113\.5:4010 is not on this machine.*--allow-remote/,
    },
    {
      args: ['--target', 'http://127.0.0.1:4010', '--host', '0.0.0.0'],
      message: /--host: got "0\.0\.0\.0"; allowed: a loopback address/,
    },
    {
      args: ['--target', 'ftp://127.0.0.1'],
      message: /--target must use http or https; received ftp:/,
    },
    {
      args: ['--target', 'http://127.0.0.1:4010/twilio-api?x=1'],
      message:
        /--target must be a base URL without a query or fragment .*; received "http:\/\/127\.0\.0\.1:4010\/twilio-api" with one/,
    },
    { args: [], message: /--target is required/ },
    { args: ['--target', 'http://127.0.0.1:4010', '--port', 'x'], message: /--port: got "x"; allowed: a whole number/ },
  ];
  for (const { args, message } of refusals) {
    test(`${args.join(' ') || '(no options)'} ends with one line naming the setting, exit 2, no stack trace`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'proxy/cli.ts', ...args], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});
