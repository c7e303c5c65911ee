// The contract suite, run as a user runs it (`playwright test --project contract`), against the emulator's hostile
// faults: a clean failed verdict naming its check, no form of the credentials in any output, memory near a normal run.
// Each failed test costs the nested run a fresh worker (seconds on a loaded 2-core machine), so `npm test` runs the
// tests that meet each hostile answer; HOSTILE_FULL=1 runs the whole suite against every hostile fault instead.
// 429-forever always runs the whole suite: a target that serves nothing cuts the run short after its first failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { create, type FaultName } from '../../emulator/server.js';
import { secretForms } from '../../client/redact.js';
import { probes, suites } from '../contract/probes/index.js';
import { outputKind, reportTexts, VERDICT_OUTPUTS } from './report-texts.js';
import { runContract, targetEnv, type ContractRun } from './run-contract.js';

/** Room for a loaded machine, not a speed bar. */
const RUN_LIMIT_MS = 240_000;
const FULL = process.env.HOSTILE_FULL === '1';
/** A --grep for the suite's tests with these titles (service scope), or nothing in the full matrix. */
function only(...titles: string[]): string[] {
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return FULL ? [] : ['--grep', titles.map(escape).join('|'), '--grep-invert', escape(suites.defaultService)];
}
const titleOf = (suite: string, n = 0): string => `${suite} ${probes.filter((p) => p.suite === suite)[n].title}`;
/** Receipt fields (list), a followed receipt url, page links, error bodies: every place the echo fault writes to. */
const ECHO_TESTS = only(
  titleOf(suites.list),
  titleOf(suites.fetch, 1),
  titleOf(suites.pagination, 2),
  titleOf(suites.errors),
  'Generated requests', // the generated phase quotes answers too (its cases, its failures.jsonl)
);
/** A short generated phase: enough requests to meet every place the echo fault writes to. */
const SHORT_GENERATED = { CONTRACT_BUDGET: '60' };
const LIST_TEST = only(titleOf(suites.list));

type Texts = { file: string; text: string }[];

/** Runs the suite against an emulator with a fault; returns the run and every text it wrote. */
async function runAgainst(
  fault: FaultName,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ run: ContractRun; texts: Texts; forms: string[] }> {
  const emu = await create({ port: 0, host: '127.0.0.1', fault });
  const dir = mkdtempSync(join(tmpdir(), 'contract-hostile-'));
  try {
    const run = await runContract({ ...targetEnv(emu.target), REPORT_DIR: dir, ...env }, RUN_LIMIT_MS, args);
    return { run, texts: [{ file: 'console', text: run.output }, ...reportTexts(dir)], forms: secretForms(emu.target) };
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The outputs that show some form of the secret, with the form's length (never the form itself). */
function leaks(texts: Texts, forms: string[]): string[] {
  return texts.flatMap((t) =>
    forms.filter((f) => t.text.includes(f)).map((f) => `${t.file} (a ${f.length}-character form)`),
  );
}

/** One line of what a nested run cost, for the report. */
function measured(name: string, run: ContractRun): string {
  return `${name}: exit ${run.code}, wall ${run.wallMs} ms, peak RSS ${run.peak.maxProcessMb} MB (largest process), ${run.peak.maxTreeMb} MB (tree)`;
}

/** Each hostile fault, the tests it runs, the lines its verdict must contain, and outputs beyond VERDICT_OUTPUTS that
 * name its check (the generated phase's failures file, when it runs). */
const cases: { fault: FaultName; args: string[]; lines: string[]; inNpmTest: boolean; alsoIn?: string[] }[] = [
  {
    fault: 'echo-credentials',
    args: ECHO_TESTS,
    lines: ['[receipt_schema] /delivery_receipts/0/participant_sid: pattern', '[error_body] /more_info'],
    inNpmTest: true,
    alsoIn: ['contract/failures.jsonl'],
  },
  {
    fault: 'gzip-bomb',
    args: LIST_TEST,
    lines: ['[response_complete] (response): no complete response: body '],
    inNpmTest: true,
  },
  {
    fault: 'deep-body',
    args: LIST_TEST,
    lines: ['[page_schema] /meta: type: expected type object, received [[[['],
    inNpmTest: false,
  },
  {
    fault: 'wide-list',
    args: LIST_TEST,
    lines: ['[meta_page_size] /delivery_receipts: expected at most'],
    inNpmTest: false,
  },
  {
    // The whole suite: the first test to meet the verdict fails naming the setting, the rest are skipped with it, so
    // the run ends in seconds (measured: about 8 s on a loaded 2-core machine; printed below, never asserted).
    fault: '429-forever',
    args: [],
    // the first test fails with the verdict: 'not retried' when it met the 429 itself, 'not sent' when discovery did
    lines: [
      '[response_complete] (response): no complete response: not ',
      'the target asked to wait 999999 s after a 429, longer than CONTRACT_RATE_PATIENCE=30 s allows',
      'skipped',
    ],
    inNpmTest: true,
  },
];
/** A 1 GiB bomb inflated whole needs over 1 GiB in one process; a normal worker peaks near 180 MB here. */
const MAX_PROCESS_MB = 400;

test.describe('npm run contract against hostile targets: a clean failed verdict, no secret in any output', () => {
  for (const { fault, args, lines, inNpmTest, alsoIn = [] } of cases) {
    test(`${fault}: the run fails naming its check, never crashes, and no report holds the credentials`, async ({}, testInfo) => {
      // deep, wide and 429 are judged in-process by faults-caught and api-hostile; their nested runs are for the matrix
      test.skip(!inNpmTest && !FULL, 'HOSTILE_FULL=1 runs it');
      test.setTimeout(RUN_LIMIT_MS + 30_000);
      const { run, texts, forms } = await runAgainst(fault, args, fault === 'echo-credentials' ? SHORT_GENERATED : {});
      testInfo.annotations.push({ type: 'measured', description: measured(fault, run) });
      console.log(measured(fault, run));
      expect(run.code, run.output.slice(-3000)).toBe(1); // null would mean killed at the time limit
      for (const line of lines) expect(run.output).toContain(line);
      expect(run.output).not.toMatch(/RangeError|Maximum call stack|JavaScript heap/);
      // The scan must see real reports: every output that carries the verdict names its check.
      const check = lines[0].slice(0, lines[0].indexOf(']') + 1) || lines[0];
      const naming = texts.filter((t) => t.text.includes(check.slice(1, -1))).map((t) => outputKind(t.file));
      expect([...new Set(naming)].sort()).toEqual([...VERDICT_OUTPUTS, ...alsoIn].sort());
      expect(leaks(texts, forms), 'outputs that hold a form of the credentials').toEqual([]);
      test.skip(run.peak.maxProcessMb === 0, 'peak RSS is read from /proc (Linux only)');
      expect(run.peak.maxProcessMb, 'peak RSS of the largest process, MB').toBeLessThan(MAX_PROCESS_MB);
    });
  }
});
