import { expect, test } from '../../fixtures/test.js';
import { cornerFaults } from '../../emulator/faults-corner.js';
import { runProbes, SELFTEST_GENERATED } from '../contract/run-probes.js';
import { faultExpectations } from './fault-expectations.js';
import { generateAgainst, replayAgainst } from './generated-run.js';
import { withEmulator } from './with-emulator.js';

/** A path from its Receipts segment on (the SIDs before it are the target's own). */
const short = (path: string): string => path.replace(/^.*\/Receipts/, '…/Receipts');

test.describe('The generated phase finds the corners no fixed probe was written for', () => {
  const correct =
    'the correct emulator gives zero violations from the generated phase, at its own origin and behind a public one';
  test(correct, async () => {
    test.setTimeout(180_000); // a safety net for a loaded machine, not a speed assertion
    for (const publicUrl of [undefined, 'https://receipts.example.test']) {
      const run = await withEmulator(undefined, (t) => generateAgainst(t, { seed: 3, budget: 300 }), publicUrl);
      await expect(run.violations).toConform();
      expect(run.sent).toBeGreaterThan(SELFTEST_GENERATED.budget);
    }
  });

  for (const fault of cornerFaults) {
    const title = `${fault.name} is missed by every fixed probe and caught by the generated phase, shrunk, with a curl line that replays`;
    test(title, async () => {
      test.setTimeout(180_000); // a safety net for a loaded machine, not a speed assertion
      const expected = faultExpectations[fault.name].checks;
      await withEmulator(fault.name, async (target) => {
        await expect(
          await runProbes(target, { timeoutMs: 3000 }, { generated: false }),
          'fixed probes alone',
        ).toConform();
        const run = await generateAgainst(target, SELFTEST_GENERATED);
        const named = new Set(run.failures.map((f) => f.check));
        expect(
          expected.filter((c) => !named.has(c)),
          `checks the generated phase did not name; saw ${[...named].join(', ')}`,
        ).toEqual([]);
        for (const f of run.failures) {
          expect(f.curl).toMatch(/^curl .*"\$TARGET_URL\/v1\//);
          expect(f.curl).not.toContain(target.authToken);
        }
        const again = await replayAgainst(target, run.failures);
        expect(
          again.filter((l) => l.fixed).map((l) => l.text),
          'cases that pass again on the faulty emulator',
        ).toEqual([]);
        const fixed = await withEmulator(undefined, (t) => replayAgainst(t, run.failures));
        expect(
          fixed.filter((l) => !l.fixed).map((l) => l.text),
          'cases still failing once the fault is removed',
        ).toEqual([]);
        const shrunk = run.failures.map((f) => `[${f.check}] ${f.case.family}:${f.case.kind} ${short(f.case.path)}`);
        console.log(`${fault.name}: ${run.failures.length} shrunk case(s): ${shrunk.join('; ')}`);
      });
    });
  }
});
