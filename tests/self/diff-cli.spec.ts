import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { create, type Emulator, type FaultName } from '../../emulator/server.js';
import { secretForms } from '../../client/redact.js';

/** The A_* or B_* variables of an emulator's target. */
function sideEnv(side: 'A' | 'B', e: Emulator): Record<string, string> {
  const t = e.target;
  return {
    [`${side}_ACCOUNT_SID`]: t.accountSid,
    [`${side}_AUTH_TOKEN`]: t.authToken,
    [`${side}_SERVICE_SID`]: t.serviceSid,
    [`${side}_CONVERSATION_SID`]: t.conversationSid,
    [`${side}_MESSAGE_SID`]: t.messageSid,
  };
}

/** Runs the diff CLI (asynchronously: the emulators answer from this process) and collects its output. */
function runDiff(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/diff-cli.ts', ...args], {
      env: { ...process.env, ...env },
    });
    let out = '',
      err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

test.describe('npm run diff (CLI)', () => {
  for (const { fault, code } of [
    { fault: undefined, code: 0 },
    { fault: 'auth-no-challenge' as FaultName, code: 1 },
  ]) {
    test(`exits ${code} for ${fault ?? 'two equal emulators'}, writes diff.json, prints no credential`, async () => {
      const [a, b] = [await create({ port: 0 }), await create({ port: 0, fault })];
      const dir = mkdtempSync(join(tmpdir(), 'diff-cli-'));
      try {
        const env = { ...sideEnv('A', a), ...sideEnv('B', b), REPORT_DIR: dir };
        const r = await runDiff(['--a', a.url, '--b', b.url], env);
        expect(r.code, r.err).toBe(code);
        const report = readFileSync(join(dir, 'proxy', 'diff.json'), 'utf8');
        expect((JSON.parse(report) as { differences: unknown[] }).differences.length > 0).toBe(code === 1);
        const forms = [a, b].flatMap((e) => secretForms(e.target));
        for (const text of [r.out, r.err, report]) expect(forms.filter((f) => text.includes(f))).toEqual([]);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  }

  test('a missing B_* setting ends with one line naming it, exit 2', async () => {
    const a = await create({ port: 0 });
    try {
      const r = await runDiff(['--a', a.url, '--b', a.url], sideEnv('A', a));
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^diff: B_ACCOUNT_SID is not set/);
    } finally {
      await a.stop();
    }
  });
});
