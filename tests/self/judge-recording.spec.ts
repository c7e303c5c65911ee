import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { judgeFile } from '../../proxy/judge-file.js';
import type { RecordingLine } from '../../proxy/recording-line.js';
import { leaks, sdkMessage, startRig, type Rig } from './proxy-setup.js';
import { basicAuth } from '../../client/basic-auth.js';
import { contract } from '../../spec/contract.js';
import { sidOf } from './exchanges.js';
import { slicesShown } from './token-slices.js';

/** Records the SDK's traffic (list over pages, fetch) through a proxy in front of an emulator with a fault. */
async function recordSdk(fault: 'sid-prefix' | 'meta-url-foreign' | undefined, file: string): Promise<Rig> {
  const rig = await startRig(fault, { record: file });
  try {
    const receipts = sdkMessage(rig).deliveryReceipts;
    const listed = await receipts.list({ pageSize: 2 }).catch(() => []);
    if (listed[0])
      await receipts(listed[0].sid)
        .fetch()
        .catch(() => undefined);
    await fetch(rig.proxy.url + new URL(rig.emulator.url).pathname); // a path outside the spec: forwarded, not judged
  } finally {
    await rig.stop();
  }
  return rig;
}

/** A HAR document (as browser devtools write it) of a recording's exchanges, the credentials in the headers. */
function harOf(lines: RecordingLine[], origin: string, authorization: string): object {
  const entries = lines.map((l, i) => ({
    request: {
      method: l.request.method,
      url: origin + l.request.path,
      headers: [{ name: 'Authorization', value: authorization }],
    },
    response: {
      status: l.response.status,
      headers: Object.entries(l.response.headers).map(([name, value]) => ({ name, value })),
      // one body stored as base64, as devtools do for some types
      content:
        i === 0
          ? { text: Buffer.from(l.response.text).toString('base64'), encoding: 'base64' }
          : { text: l.response.text },
    },
  }));
  entries.push({
    request: { method: 'GET', url: origin + '/v1/x', headers: [] },
    response: { status: 200, headers: [], content: {} as { text: string } },
  });
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
}

test.describe('npm run judge (recordings judged offline)', () => {
  for (const fault of [undefined, 'sid-prefix', 'meta-url-foreign'] as const) {
    test(`a recording made by the proxy gives the same verdicts offline as live (${fault ?? 'no fault'})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'judge-'));
      const file = join(dir, 'traffic.jsonl');
      const rig = await recordSdk(fault, file);
      const offline = await judgeFile(file, { print: () => undefined });
      expect(offline.summary.verdicts).toEqual(rig.proxy.summary.verdicts);
      // every line of the recording is an exchange; all but the one outside the spec got a verdict
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(offline.summary.exchanges).toBe(lines.length);
      expect(offline.summary.outside).toBe(1);
      expect(offline.summary.verdicts).toHaveLength(lines.length - 1);
      expect(leaks(rig, readFileSync(file, 'utf8'))).toEqual([]);
      expect(offline.summary.violationCount > 0).toBe(fault !== undefined);
    });
  }

  test('a HAR whose answer holds a token past an excerpt cut is judged with it blanked, never half of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'judge-har-token-'));
    const token = 'c0ffee' + '0123456789abcdef01234567';
    const accountSid = sidOf('account_sid', 'a');
    const har = join(dir, 'traffic.har');
    const ids = { ConversationSid: sidOf('conversation_sid', '0'), MessageSid: sidOf('message_sid', '0') };
    const entry = {
      request: {
        method: 'GET',
        url: 'http://127.0.0.1:9' + contract.paths.build('list', 'default', ids),
        headers: [{ name: 'Authorization', value: basicAuth(accountSid, token) }],
      },
      response: {
        status: 404,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        content: { text: `{"code":20404,"message":"m","more_info":"i","status":"${'s'.repeat(100)}${token}"}` },
      },
    };
    writeFileSync(
      har,
      JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [entry] } }),
    );
    const printed: string[] = [];
    const judged = await judgeFile(har, { print: (l) => printed.push(l) });
    const lines = judged.summary.violations.map((v) => `${v.pointer} ${v.message}`).join('\n');
    expect(lines).toMatch(/^\/status .*"s{100}\[redacted\]"$/m);
    expect(slicesShown(`${lines}\n${printed.join('\n')}`, token)).toEqual([]);
  });

  test('a HAR file of the same traffic gives the same verdicts, and an entry without a body is skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'judge-har-'));
    const file = join(dir, 'traffic.jsonl');
    const rig = await recordSdk('sid-prefix', file);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RecordingLine);
    const t = rig.emulator.target;
    const har = join(dir, 'traffic.har');
    writeFileSync(har, JSON.stringify(harOf(lines, rig.emulator.url, basicAuth(t.accountSid, t.authToken))));
    const printed: string[] = [];
    const judged = await judgeFile(har, { print: (l) => printed.push(l) });
    expect(judged.withoutBody).toBe(1);
    expect(judged.summary.verdicts).toEqual(rig.proxy.summary.verdicts);
    expect(printed.some((l) => l.startsWith('[receipt_schema] '))).toBe(true);
    expect(leaks(rig, printed.join('\n'))).toEqual([]);
  });

  const badFiles = [
    { name: 'not-json.jsonl', text: '\nnot json\n', message: /not-json\.jsonl line 2 is not a JSON object/ },
    {
      name: 'bad-auth.jsonl',
      text: JSON.stringify({
        publicUrl: 'http://127.0.0.1:1',
        request: { method: 'GET', path: '/v1', auth: 'maybe' },
        response: {},
      }),
      message: /line 1 has request\.auth "maybe"/,
    },
    { name: 'empty.har', text: '{}', message: /empty\.har is not a HAR file \(no log\.entries\)/ },
  ];
  for (const { name, text, message } of badFiles) {
    test(`a broken file (${name}) ends with one line naming the line or entry, exit 2`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'judge-bad-'));
      writeFileSync(join(dir, name), text);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'proxy/judge-cli.ts', join(dir, name)], {
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, REPORT_DIR: dir },
      });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});
