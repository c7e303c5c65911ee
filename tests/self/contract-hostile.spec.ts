// The contract suite, run as a user runs it (`playwright test --project contract`), against the emulator's hostile
// faults: each ends in a clean failed verdict naming its check, with no form of the credentials in any output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { create, type FaultName } from '../../emulator/server.js';
import { secretForms } from '../../target/redact.js';
import { suites } from '../contract/probes/index.js';
import { reportTexts } from './report-texts.js';
import { runContract, targetEnv, type ContractRun } from './run-contract.js';

/** Each failed test costs the nested run a fresh worker (seconds on a loaded 2-core machine): room for that, not a speed bar. */
const RUN_LIMIT_MS = 150_000;
/** The list tests only: two failures say what a fault does to the client; the echo run takes the whole suite. */
const LIST_ONLY = ['--grep', suites.list.replace(/[()…{}]/g, '.')];

type Texts = { file: string; text: string }[];

/** Runs the suite against an emulator with a fault (null: the correct one); returns the run and every text it wrote. */
async function runAgainst(fault: FaultName | null, args: string[]): Promise<{ run: ContractRun; texts: Texts; forms: string[] }> {
  const emu = await create({ port: 0, host: '127.0.0.1', ...(fault ? { fault } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'contract-hostile-'));
  try {
    const run = await runContract({ ...targetEnv(emu.target), REPORT_DIR: dir }, RUN_LIMIT_MS, args);
    return { run, texts: [{ file: 'console', text: run.output }, ...reportTexts(dir)], forms: secretForms(emu.target) };
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The outputs that show some form of the secret, with the form's length (never the form itself). */
function leaks(texts: Texts, forms: string[]): string[] {
  return texts.flatMap((t) => forms.filter((f) => t.text.includes(f)).map((f) => `${t.file} (a ${f.length}-character form)`));
}

/** One line of what a nested run cost, for the report. */
function measured(name: string, run: ContractRun): string {
  return `${name}: exit ${run.code}, wall ${run.wallMs} ms, peak RSS ${run.peak.maxProcessMb} MB (largest process), ${run.peak.maxTreeMb} MB (tree)`;
}

/** Each hostile fault, the tests it runs and the line its verdict must contain. */
const cases: { fault: FaultName; args: string[]; line: string }[] = [
  { fault: 'echo-credentials', args: [], line: '[receipt_schema] /delivery_receipts/0/participant_sid: pattern' },
  { fault: 'gzip-bomb', args: LIST_ONLY, line: '[response_complete] (response): no complete response: body inflates more than' },
  { fault: 'deep-body', args: LIST_ONLY, line: '[page_schema] /meta: type: expected type object, received [[[[' },
  { fault: 'wide-list', args: LIST_ONLY, line: '[meta_page_size] /delivery_receipts: expected at most' },
  { fault: '429-forever', args: LIST_ONLY, line: 'it is rate-limiting; the remaining requests fail at once' },
];

test.describe('npm run contract against hostile targets: a clean failed verdict, no secret in any output', () => {
  for (const { fault, args, line } of cases) {
    test(`${fault}: the run fails naming its check, never crashes, and no report holds the credentials`, async ({}, testInfo) => {
      test.setTimeout(RUN_LIMIT_MS + 30_000); // a safety net for a loaded machine, not a speed assertion
      const { run, texts, forms } = await runAgainst(fault, args);
      testInfo.annotations.push({ type: 'measured', description: measured(fault, run) });
      console.log(measured(fault, run));
      expect(run.code, run.output.slice(-3000)).toBe(1); // null would mean killed at the time limit
      expect(run.output).toContain(line);
      expect(run.output).not.toMatch(/RangeError|Maximum call stack|JavaScript heap/);
      // The scan must see real reports: the verdict's check is named in the console, the JUnit, the JSON and the HTML data.
      expect(texts.filter((t) => t.text.includes(line.slice(0, line.indexOf(']') + 1))).length).toBeGreaterThanOrEqual(4);
      expect(leaks(texts, forms), 'outputs that hold a form of the credentials').toEqual([]);
    });
  }

  test('a 1 GiB gzip bomb leaves the peak memory of the run near a normal run', async ({}, testInfo) => {
    test.setTimeout(2 * RUN_LIMIT_MS + 30_000);
    const normal = (await runAgainst(null, LIST_ONLY)).run;
    const bomb = (await runAgainst('gzip-bomb', LIST_ONLY)).run;
    for (const [name, run] of [['correct emulator', normal], ['gzip-bomb', bomb]] as const) {
      testInfo.annotations.push({ type: 'measured', description: measured(name, run) });
      console.log(measured(name, run));
    }
    expect(normal.code, normal.output.slice(-2000)).toBe(0);
    test.skip(normal.peak.maxProcessMb === 0, 'peak RSS is read from /proc (Linux only)');
    // Inflating the bomb whole costs its 1 GiB; a streamed read stays within a normal worker's margin.
    expect(bomb.peak.maxProcessMb).toBeLessThan(normal.peak.maxProcessMb * 1.5 + 64);
  });
});
