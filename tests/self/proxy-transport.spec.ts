import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { PROXY_ERROR_CODE } from '../../proxy/twilio-error.js';
import { writeSummary } from '../../proxy/write-summary.js';
import { leaks, startRig } from './proxy-setup.js';

/** The receipts list of the rig's target message, and its Basic header. */
function listOf(t: { serviceSid: string; conversationSid: string; messageSid: string }, query = ''): string {
  const path = contract.buildPath('list', 'service', {
    ChatServiceSid: t.serviceSid,
    ConversationSid: t.conversationSid,
    MessageSid: t.messageSid,
  });
  return path + query;
}
const basic = (t: { accountSid: string; authToken: string }): string =>
  'Basic ' + Buffer.from(`${t.accountSid}:${t.authToken}`).toString('base64');

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
        expect(contract.validateError(502, body)).toEqual([]);
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
      expect(rig.proxy.summary.violationCount).toBeGreaterThan(0);
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
    const files = writeSummary(rig.proxy.summary, rig.proxy.redactor, dir);
    const texts = [rig.lines.join('\n'), readFileSync(record, 'utf8'), ...files.map((f) => readFileSync(f, 'utf8'))];
    expect(rig.lines.length).toBeGreaterThan(0);
    for (const text of texts) expect(leaks(rig, text)).toEqual([]);
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
      message: /--target: got "ftp:\/\/127\.0\.0\.1"; allowed: an http\(s\) origin/,
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
