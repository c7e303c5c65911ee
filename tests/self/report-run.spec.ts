import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { OTHER_TENANT, suites } from '../contract/probes/index.js';
import { NO_OTHER_ACCOUNT } from '../contract/probes/scoping.js';
import { existsSync } from 'node:fs';
import { mdRow, reportRun, runPlaywright, removeTempDirs, schemaErrors, tempDir } from './report-helpers.js';
import { reportTexts } from './report-texts.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const bounds = 'page_size_bounds';
/** A run as a target without a second account: the TARGET_OTHER_* the emulator exports, blanked. */
const NO_SECOND_ACCOUNT = { TARGET_OTHER_ACCOUNT_SID: '', TARGET_OTHER_AUTH_TOKEN: '' };

/** Runs the compare CLI on two files; resolves with its exit code and output. */
function compare(before: string, after: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, 'report/compare-cli.ts', before, after], { cwd: ROOT }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

test.afterEach(() => removeTempDirs());

test.describe('the conformance report of a contract run, and comparing two runs', () => {
  test('names a broken rule, its entry fixed once the fault is gone, and compare shows it', async () => {
    test.setTimeout(180_000); // two nested runs on a shared machine: a safety net, not a speed assertion
    const [faulty, fixed] = await Promise.all([
      reportRun('page-size-unbounded'),
      reportRun(
        undefined,
        [
          {
            check: bounds,
            operation: 'list',
            scope: 'service',
            reason: 'our mock serves every receipt above the maximum',
          },
          { check: 'meta_key', reason: 'an entry past its date', expires: '2020-01-31' },
        ],
        NO_SECOND_ACCOUNT,
      ),
    ]);
    await test.step('a faulty run fails, its Markdown naming the broken rule first and in the table', () => {
      expect(faulty.code, faulty.output).not.toBe(0);
      const head = faulty.md.split('\n').slice(0, 8).join('\n');
      expect(head).toContain('does not conform');
      expect(head).toContain(`[${bounds}]`);
      expect(head).toContain(`spec ${String((contract.doc.info as { version: unknown }).version)} · seed none`);
      // the fixed probe and the generated phase each meet the broken rule: counted, never hidden
      const row = mdRow(faulty.md, bounds, 'list', 'service') ?? [];
      expect(row).toEqual(expect.arrayContaining(['✗ broken']));
      expect(Number(row[5])).toBeGreaterThanOrEqual(1);
      // the fault breaks the bound on both scopes: the generated phase (random seed) may meet the default scope too
      const broken = faulty.json.rows.filter((r) => r.status === 'broken');
      expect(new Set(broken.map((r) => `${r.check} ${r.operation}`))).toEqual(new Set([`${bounds} list`]));
      expect(faulty.json.headline.rules_broken).toBe(broken.length);
      expect(schemaErrors(faulty.json), 'conformance.json matches report/conformance.schema.json').toEqual([]);
    });
    await test.step('without the fault the entry is fixed, and the expired entry fails the run, named', () => {
      expect(fixed.code, fixed.output).not.toBe(0);
      expect(fixed.output).toContain(`entry 1 (check ${bounds}) matched nothing this run: fixed`);
      expect(fixed.output).toContain('entry 2 (check meta_key) expired on 2020-01-31');
      expect(mdRow(fixed.md, bounds, 'list', 'service')).toContain('✓ held');
      expect(fixed.json.known?.entries.map((e) => e.status)).toEqual(['fixed', 'expired']);
      expect(schemaErrors(fixed.json)).toEqual([]);
    });
    await test.step('without a second account the report names tenancy as not exercised and the settings that add it', () => {
      const tenancy = fixed.json.not_run.find((n) => n.reason === NO_OTHER_ACCOUNT);
      // both scopes' tenancy tests, in whichever order the two workers ended them
      expect([...(tenancy?.tests ?? [])].sort()).toEqual(
        [`${suites.scoping} › ${OTHER_TENANT}`, `${suites.defaultService} › ${OTHER_TENANT}`].sort(),
      );
      expect(fixed.md).toContain(`## Not exercised: tests skipped, and why\n\n- ${NO_OTHER_ACCOUNT} (2 tests)`);
      // with one (the embedded emulator's, exported by targetEnv) the tenancy probes ran: nothing left out
      expect(faulty.json.not_run).toEqual([]);
    });
    await test.step('a rule that applies to every exchange is held over every exchange of its row, never "not exercised"', () => {
      // every answer of the correct emulator arrived whole: response_complete judged each, as response_status did
      const rows = (check: string) => fixed.json.rows.filter((r) => r.check === check);
      const status = rows('response_status');
      expect(status.map((r) => r.status)).toEqual(status.map(() => 'held'));
      expect(rows('response_complete')).toEqual(status.map((r) => ({ ...r, check: 'response_complete' })));
      expect(fixed.json.headline.checks_exercised).toBe(fixed.json.headline.checks_total);
    });
    await test.step('compare prints what broke and what was fixed, exiting non-zero on broke', async () => {
      const [a, b] = [faulty.dir, fixed.dir].map((d) => join(d, 'contract', 'conformance.json'));
      // the generated phase may also meet the default scope's bound: every broken row is named, however many
      const n = faulty.json.rows.filter((r) => r.status === 'broken').length;
      const worse = await compare(b, a);
      expect(worse.code, worse.output).toBe(1);
      expect(worse.output).toMatch(
        new RegExp(`broke \\(${n}\\):\\n  ✗ ${bounds} list/service: held → broken: \\[${bounds}\\]`),
      );
      const better = await compare(a, b);
      expect(better.code, better.output).toBe(0);
      expect(better.output).toContain(`fixed (${n}):\n  ✓ ${bounds} list/service: broken → held`);
      expect(better.output).toMatch(/unchanged: \d+ rules/);
    });
    await test.step('no report holds the auth token', () => {
      for (const run of [faulty, fixed]) {
        const leaks = reportTexts(run.dir)
          .filter((t) => [run.token, run.otherToken].some((token) => t.text.includes(token)))
          .map((t) => t.file);
        expect(leaks).toEqual([]);
      }
    });
  });

  test('a run of only the selftest project writes no conformance report', async () => {
    const dir = tempDir();
    const run = await runPlaywright(['--project=selftest', 'tests/self/report-known.spec.ts', '-g', 'valid file'], {
      REPORT_DIR: dir,
    });
    expect(run.code, run.output).toBe(0);
    expect(existsSync(join(dir, 'contract')), 'reports/contract after a selftest-only run').toBe(false);
    expect(run.output).not.toContain('Conformance:');
  });
});
