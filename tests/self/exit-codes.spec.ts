import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { COMMANDS, type CommandName } from '../../cli/commands.js';
import { create } from '../../emulator/server.js';
import { targetEnv } from '../../client/settings.js';
import { runHarness } from './run-harness.js';
import { startTlsTarget, type TlsTarget } from './tls-target.js';

/** A loopback port nothing listens on (taken, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Complete TARGET_* settings of a well-formed target (the emulator's own SIDs), at another URL. */
async function targetAt(url: string): Promise<Record<string, string>> {
  const emu = await create({ port: 0, host: '127.0.0.1' });
  await emu.stop();
  return { ...targetEnv(emu.target), TARGET_URL: url, TARGET_PUBLIC_URL: url };
}

/** Exactly one line on stderr, matching; no stack trace. */
function oneLine(err: string, line: RegExp): void {
  expect(err.trim().split('\n'), err).toHaveLength(1);
  expect(err).toMatch(line);
  expect(err).not.toMatch(/^\s+at /m);
}

/** A flag no command knows: each must refuse it in one line, exit 2. */
const BAD: Record<CommandName, string[]> = {
  contract: ['--bogus'],
  replay: ['/no/such/failures.jsonl'],
  compare: ['only-one.json'],
  load: ['--duration', 'soon'],
  merge: ['--bogus'],
  proxy: ['--bogus'],
  judge: ['--bogus'],
  diff: ['--bogus'],
  emulator: ['--bogus'],
};

// Each test spawns the command as a user would (0.7-3 s each on a quiet machine, much more on a busy one).
test.describe.configure({ timeout: 90_000 });

test.describe('one exit-code policy for every command: 0 held, 1 broke, 2 could not run as asked', () => {
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    test(`receipt-harness ${name} --help exits 0 with its usage; a bad flag or file exits 2 in one line`, async () => {
      const help = await runHarness([name, '--help']);
      expect(help.code, help.err).toBe(0);
      expect(help.out).toMatch(/usage/);
      const bad = await runHarness([name, ...BAD[name]]);
      expect(bad.code, bad.out).toBe(2);
      oneLine(bad.err, /\w/);
    });
  }

  for (const [flag, value] of [
    ['--shard', '5/3'],
    ['--workers', 'abc'],
  ])
    test(`contract ${flag} ${value} exits 2 in one line (Playwright printed its stack and exited 1)`, async () => {
      const r = await runHarness(['contract', flag, value]);
      expect(r.code, r.out).toBe(2);
      oneLine(r.err, new RegExp(`^receipt-harness contract: ${flag}: got "${value}"; allowed: `));
    });

  test('no command prints the usage on stderr and exits 2 (nothing ran)', async () => {
    const r = await runHarness([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: receipt-harness COMMAND');
  });

  test('an unknown command exits 2 naming every command', async () => {
    const r = await runHarness(['nope']);
    expect(r.code).toBe(2);
    oneLine(r.err, new RegExp(`unknown command "nope"; one of ${Object.keys(COMMANDS).join(', ')}`));
  });

  for (const command of ['contract', 'load']) {
    test(`${command} --target-url "" (a CI variable that expanded to nothing) exits 2, testing no emulator`, async () => {
      const r = await runHarness([command, '--target-url', '']);
      expect(r.code, r.out).toBe(2);
      oneLine(r.err, /TARGET_URL is set but empty/);
      expect(r.out).not.toMatch(/passed|conforms|PASS/);
    });
  }

  // the contract config's own exit 2 on a bad setting: tests/self/client-settings.spec.ts (a nested run)
  test('a bad TARGET_* setting exits 2 from load (it exited 1), a --target-* flag winning over it', async () => {
    const r = await runHarness(['load', '--target-url', 'ftp://x'], { TARGET_URL: 'http://127.0.0.1:1' });
    expect(r.code, r.out).toBe(2);
    oneLine(r.err, /TARGET_URL must use http or https; received ftp:/);
  });
});

test.describe('a target that cannot be reached at all: one line naming what to set, exit 2, nothing run', () => {
  const refusedBy: string[][] = [
    ['contract'],
    ['load'],
    ['diff', '--a', 'URL', '--b', 'URL'],
    ['proxy', '--target', 'URL'],
  ];
  for (const args of refusedBy) {
    test(`refused connection: ${args[0]}`, async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const env = await targetAt(url);
      const r = await runHarness(
        args.map((a) => (a === 'URL' ? url : a)),
        { ...env, ...prefixed('A_', env), ...prefixed('B_', env) },
      );
      expect(r.code, r.out).toBe(2);
      oneLine(
        r.err,
        new RegExp(`${url.replaceAll('.', '\\.')} cannot be reached: connection refused: nothing listens`),
      );
      expect(r.out).not.toMatch(/Running \d+ test/);
    });
  }

  // contract reaches the same check (client/reachable.ts) through its config: the refused and TLS cases run it
  test('unknown host (a .invalid name: refused by the client, no DNS query leaves the machine)', async () => {
    const r = await runHarness(['load', '--allow-remote'], await targetAt('http://receipts.invalid:4010'));
    expect(r.code, r.out).toBe(2);
    oneLine(r.err, /TARGET_URL http:\/\/receipts\.invalid:4010 cannot be reached: unknown host "receipts\.invalid"/);
  });

  test.describe('HTTPS with a certificate made in the test', () => {
    let tls: TlsTarget;
    test.beforeAll(async () => {
      tls = await startTlsTarget();
    });
    test.afterAll(async () => tls?.stop());

    test('untrusted: contract and load stop in one line naming NODE_EXTRA_CA_CERTS, exit 2', async () => {
      const env = { ...targetEnv(tls.emulator.target), TARGET_URL: tls.url, TARGET_PUBLIC_URL: tls.url };
      for (const command of ['contract', 'load']) {
        const r = await runHarness([command], env);
        expect(r.code, r.out).toBe(2);
        oneLine(
          r.err,
          /cannot be reached: the TLS certificate is not trusted \(self[- ]signed certificate\); set NODE_EXTRA_CA_CERTS/,
        );
      }
    });

    test('trusted through NODE_EXTRA_CA_CERTS: the contract suite runs over HTTPS and passes, exit 0', async () => {
      test.setTimeout(120_000);
      const env = { ...targetEnv(tls.emulator.target), TARGET_URL: tls.url, TARGET_PUBLIC_URL: tls.url };
      // in GitHub Actions: the conformance summary is appended to the job summary too
      const summary = test.info().outputPath('step-summary.md');
      const reports = test.info().outputPath('reports');
      const r = await runHarness(['contract', 'fetch.spec'], {
        ...env,
        NODE_EXTRA_CA_CERTS: tls.caFile,
        REPORT_DIR: reports,
        GITHUB_STEP_SUMMARY: summary,
      });
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toMatch(/\d+ passed/);
      expect(r.out).not.toMatch(/failed|flaky|skipped/);
      const markdown = readFileSync(join(reports, 'contract', 'conformance.md'), 'utf8');
      expect(markdown).toMatch(/^# Contract conformance: ✓ conforms/);
      expect(readFileSync(summary, 'utf8').trim()).toBe(markdown.trim());
    });
  });
});

/** The same settings under A_ or B_ instead of TARGET_ (how diff reads each side). */
function prefixed(prefix: string, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k.replace(/^TARGET_/, prefix), v]));
}
