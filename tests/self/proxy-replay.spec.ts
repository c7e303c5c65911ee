import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { sdkMessage, sdkThrough, startRig, type Rig } from './proxy-setup.js';

/** Every receipt of the rig's target message in both scopes, through the SDK, without the url (its origin differs). */
async function allReceipts(rig: Rig): Promise<Record<string, unknown>[]> {
  const t = rig.emulator.target;
  const client = sdkThrough(rig);
  const inService = await sdkMessage(rig, client).deliveryReceipts.list({ pageSize: 2 });
  const inDefault =
    t.defaultConversationSid && t.defaultMessageSid
      ? await client.conversations.v1
          .conversations(t.defaultConversationSid)
          .messages(t.defaultMessageSid)
          .deliveryReceipts.list({ pageSize: 2 })
      : [];
  return [...inService, ...inDefault].map((r) => {
    const { url: _url, ...rest } = r.toJSON() as Record<string, unknown>;
    return rest;
  });
}

/** Runs the emulator CLI with a data set until it fails (a good one would run until stopped, so only bad ones here). */
function runEmulator(dataset: string): { code: number | null; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--dataset', dataset], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, err: r.stderr };
}

test.describe('npm run emulator -- --dataset recording.jsonl (replay)', () => {
  test('serves the receipts a recording holds in both scopes, with paging and auth, and zero violations', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'staging.jsonl');
    const original = await startRig(undefined, { record: file });
    let recorded: Record<string, unknown>[];
    try {
      recorded = await allReceipts(original);
    } finally {
      await original.stop();
    }
    const replay = await startRig(undefined, {}, { dataset: file });
    let replayed: Record<string, unknown>[];
    try {
      replayed = await allReceipts(replay);
      const t = replay.emulator.target;
      const list = contract.paths.build('list', 'service', {
        ChatServiceSid: t.serviceSid,
        ConversationSid: t.conversationSid,
        MessageSid: t.messageSid,
      });
      expect((await fetch(replay.proxy.url + list)).status).toBe(401); // auth as usual: no credentials, no receipts
    } finally {
      await replay.stop();
    }
    expect(replayed).toEqual(recorded);
    // every receipt of both messages the original emulator advertises, as its store holds them
    const { store, target } = original.emulator;
    const size = (sid: string | undefined) => (sid ? store.messages.size[store.messages.sids.index(sid)] : 0);
    expect(recorded).toHaveLength(size(target.messageSid) + size(target.defaultMessageSid));
    expect(replay.proxy.summary.violations).toEqual([]);
    expect(replay.emulator.target.accountSid).toBe(original.emulator.target.accountSid);
  });

  const broken: { name: string; text: string; message: RegExp }[] = [
    { name: 'empty.jsonl', text: '', message: /empty\.jsonl holds no receipts/ },
    { name: 'garbage.jsonl', text: '{}\nnot json\n', message: /garbage\.jsonl line 2 is not JSON/ },
  ];
  for (const { name, text, message } of broken) {
    test(`a recording that cannot be served (${name}) stops the emulator with one line naming it`, () => {
      const file = join(mkdtempSync(join(tmpdir(), 'replay-bad-')), name);
      writeFileSync(file, text);
      const r = runEmulator(file);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });
  }

  test('a recording with a broken receipt stops the emulator naming the line and the rule', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'replay-broken-')), 'broken.jsonl');
    const rig = await startRig('sid-prefix', { record: file });
    try {
      const receipts = sdkMessage(rig).deliveryReceipts;
      // the SDK may choke on the bad SID; the recording holds it anyway
      await receipts.list({ pageSize: 2, limit: 2 }).catch(() => undefined);
    } finally {
      await rig.stop();
    }
    const r = runEmulator(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.jsonl line 1 holds a broken receipt \(#0\): \[dataset\] \/sid/);
  });
});
