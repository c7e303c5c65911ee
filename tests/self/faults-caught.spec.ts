import { expect, test } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { faults } from '../../emulator/faults.js';
import { checks } from '../../spec/checks/index.js';
import { RUN_FINDINGS } from '../../conformance/run-findings.js';
import { contract } from '../../spec/contract.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatViolation } from '../../spec/violation.js';
import { secretForms } from '../../client/redact.js';
import { runProbes } from '../contract/run-probes.js';
import { withEmulator, type Place } from './with-emulator.js';
import { faultExpectations } from './fault-expectations.js';
import { readDoc, section } from './docs-text.js';
import { outputKind, reportTexts, VERDICT_OUTPUTS } from './report-texts.js';
import { runContract, targetEnv } from './run-contract.js';

/** Short limits: a hostile fault must end quickly, never hang the self-test. */
const LIMITS = { timeoutMs: 3000, maxBodyBytes: 1_000_000 };
/** Faulty emulators probed at once: enough to overlap waiting, few enough that no answer is starved into a timeout. */
const PARALLEL = 6;

/** Maps items through an async function, at most `limit` at a time, keeping their order. */
async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** Runs the contract probes against an emulator started with a fault (or none), where it must serve; the violations. */
function probeEmulator(fault?: string, place?: Place) {
  return withEmulator(fault, (target) => runProbes(target, LIMITS), place ?? faultExpectations[fault ?? '']?.place);
}

test.describe('The contract suite proves its power on the emulator', () => {
  test('every fault in the catalogue has an expectation, naming only registered checks', () => {
    const missing = faults.map((f) => f.name).filter((name) => !faultExpectations[name]);
    expect(missing, 'faults without an entry in tests/self/fault-expectations.ts').toEqual([]);
    const stale = Object.keys(faultExpectations).filter(
      (n) => !faultExpectations[n].pending && !faults.some((f) => f.name === n),
    );
    expect(stale, 'expectations for faults the emulator no longer has').toEqual([]);
    const names = new Set(checks.map((c) => c.name));
    const unknown = Object.values(faultExpectations)
      .flatMap((e) => e.checks)
      .filter((c) => !names.has(c));
    expect(unknown, 'expected check names that are not in the registry').toEqual([]);
  });

  test('every registered check is proven to bite by at least one fault', () => {
    const proven = new Set(Object.values(faultExpectations).flatMap((e) => e.checks));
    const unproven = checks.map((c) => c.name).filter((name) => !proven.has(name));
    expect(
      unproven,
      'checks no emulator fault makes fail: add a fault to emulator/faults-*.ts and a row to fault-expectations.ts',
    ).toEqual([]);
  });

  test('the correct emulator yields zero violations', async () => {
    await expect(await probeEmulator()).toConform();
  });

  test('behind a public origin (TARGET_PUBLIC_URL is not TARGET_URL) links are followed at TARGET_URL, with zero violations', async () => {
    await expect(await probeEmulator(undefined, 'https://receipts.example.test')).toConform();
  });

  test('under a base path behind a public origin with its own prefix, links are followed at TARGET_URL, with zero violations', async () => {
    const place = { publicUrl: 'https://gw.example.test', basePath: '/edge/twilio-api' };
    await expect(await probeEmulator(undefined, place)).toConform();
  });

  test('every fault makes the suite fail, naming the broken check', async ({}, testInfo) => {
    test.setTimeout(180_000); // a safety net for a loaded machine, not a speed assertion
    const inScope = faults.filter((f) => !faultExpectations[f.name]?.notCaught);
    const results = await mapPool(inScope, PARALLEL, async (f) => ({ fault: f, found: await probeEmulator(f.name) }));
    const misses: string[] = [];
    for (const { fault, found } of results) {
      const named = new Set(found.map((v) => v.check));
      const { checks: expected = [], pointers = [] } = faultExpectations[fault.name] ?? {};
      const at = new Set(found.filter((v) => expected.includes(v.check)).map((v) => v.pointer));
      const absent = [...expected.filter((c) => !named.has(c)), ...pointers.filter((p) => !at.has(p))];
      if (found.length === 0 || absent.length > 0) {
        misses.push(
          `${fault.name} (breaks: ${fault.breaks}): expected ${absent.join(', ') || 'a violation'}; saw ${[...named].join(', ') || 'none'}`,
        );
      } else {
        testInfo.annotations.push({
          type: `fault ${fault.name}`,
          description: formatViolation(
            found.find((v) => named.has(v.check) && faultExpectations[fault.name].checks.includes(v.check)) ?? found[0],
          ),
        });
      }
    }
    // every id a run prints is a check of the registry, or a finding of the run that the docs list
    const ids = new Set([...checks.map((c) => c.name), ...Object.keys(RUN_FINDINGS)]);
    const strays = results.flatMap(({ fault, found }) =>
      found.filter((v) => !ids.has(v.check)).map((v) => `${fault.name}: ${v.check}`),
    );
    expect(strays, 'faults whose run reported an id that is neither a check nor a run finding').toEqual([]);
    const score = `faults caught: ${results.length - misses.length}/${results.length}`;
    const skipped = faults
      .filter((f) => faultExpectations[f.name]?.notCaught)
      .map((f) => `${f.name} (${faultExpectations[f.name].notCaught})`);
    console.log(`${score}${skipped.length ? `; not in the contract's scope: ${skipped.join('; ')}` : ''}`);
    testInfo.annotations.push({ type: 'score', description: score });
    expect(misses, score).toEqual([]);
    // the score docs/CONTRIBUTING.md states is the one this run measured
    expect(section(readDoc('docs/CONTRIBUTING.md'), 'The self-tests'), 'the stated score').toContain(`**${score}**`);
  });
});

test.describe('npm run contract, end to end, against a faulty emulator', () => {
  test('fails, names the broken check, and leaks the token into no output or report', async () => {
    test.setTimeout(180_000); // a safety net for a loaded machine, not a speed assertion
    // A fault that fails one test: each failed test costs the nested run a fresh worker.
    const emu = await create({ port: 0, host: '127.0.0.1', fault: 'page-size-zero' });
    const dir = mkdtempSync(join(tmpdir(), 'contract-run-'));
    try {
      const run = await runContract({ ...targetEnv(emu.target), REPORT_DIR: dir }, 150_000); // room for a loaded machine
      expect(run.code, run.output).not.toBe(0);
      expect(run.output).toContain(
        `[page_size_bounds] (response): PageSize=${contract.paging.pageSize.min - 1} is outside`,
      );
      const texts = [{ file: 'console', text: run.output }, ...reportTexts(dir)];
      // The scan must see real reports: every output that carries the verdict names the broken check (the generated
      // phase's failures file too: it meets PageSize=0 among its boundary sizes).
      const naming = texts.filter((t) => t.text.includes('page_size_bounds')).map((t) => outputKind(t.file));
      expect([...new Set(naming)].sort()).toEqual([...VERDICT_OUTPUTS, 'contract/failures.jsonl'].sort());
      const forms = secretForms(emu.target);
      const leaks = texts.filter((t) => forms.some((f) => t.text.includes(f))).map((t) => t.file);
      expect(
        leaks,
        'files that contain a form of the auth token (plain, Basic, base64, base64url, percent-encoded)',
      ).toEqual([]);
    } finally {
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
