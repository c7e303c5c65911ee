import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { SELFTEST_GENERATED } from '../contract/run-probes.js';
import { walkExample, WALK_MORE } from '../contract/generated/walk-cases.js';
import { generateAgainst, replayAgainst } from './generated-run.js';
import { withEmulator } from './with-emulator.js';

test.describe('The generated walk family: a drawn size, walked on from its first page, judged as a fixed walk', () => {
  test('its example walks an odd size the fixed walks skip, as far as its pages reach, in order', () => {
    const known = { scope: 'service' as const, params: {}, receipts: ['a', 'b', 'c', 'd', 'e'], complete: true };
    const v = walkExample(contract, { ...known, tokens: [], foreign: null });
    const size = contract.paging.pageSize.min + 2;
    expect([v.family, v.kind, v.query]).toEqual(['walk', 'odd-size', `PageSize=${size}`]);
    expect(v.plan.walk).toEqual({ pages: WALK_MORE, expected: known.receipts, complete: true });
  });

  test('catches links that skip a receipt at odd sizes, names page_sequence, and the saved case replays', async () => {
    test.setTimeout(120_000); // a safety net for a loaded machine, not a speed assertion
    await withEmulator('next-page-skip-odd', async (target) => {
      const run = await generateAgainst(target, SELFTEST_GENERATED);
      const walks = run.failures.filter((f) => f.case.family === 'walk');
      expect(walks.map((f) => f.check)).toContain('page_sequence');
      expect(run.coverage.some((r) => r.input.startsWith('walk:') && r.sent > 1)).toBe(true);
      const again = await replayAgainst(target, walks);
      expect(
        again.filter((l) => l.fixed).map((l) => l.text),
        'cases passing on the faulty emulator',
      ).toEqual([]);
      const fixed = await withEmulator(undefined, (t) => replayAgainst(t, walks));
      expect(
        fixed.filter((l) => !l.fixed).map((l) => l.text),
        'cases failing on the correct one',
      ).toEqual([]);
    });
  });
});
