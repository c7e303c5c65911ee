import { expect, test } from '../../fixtures/test.js';
import { readRunLimits, RUN_LIMIT_SETTINGS, suiteLimits } from '../../client/run-limits.js';
import { runContract } from './run-contract.js';

test.describe('run limits: CONTRACT_RATE_PATIENCE and CONTRACT_DEADLINE', () => {
  test('unset or empty: 30 s of patience and a deadline 900 s after the start', () => {
    expect(readRunLimits({})).toEqual({ patienceMs: 30_000, deadlineMs: 900_000 });
    expect(readRunLimits({ CONTRACT_RATE_PATIENCE: '', CONTRACT_DEADLINE: '' })).toEqual(readRunLimits({}));
  });

  test('whole seconds are read; the deadline counts from the run start the config set', () => {
    expect(readRunLimits({ CONTRACT_RATE_PATIENCE: '90', CONTRACT_DEADLINE: '3600' })).toEqual({
      patienceMs: 90_000,
      deadlineMs: 3_600_000,
    });
    const limits = suiteLimits({ CONTRACT_DEADLINE: '60', CONTRACT_RUN_STARTED: '1000', CONTRACT_RUN_ID: 'r1' });
    expect(limits).toMatchObject({ patienceMs: 30_000, deadlineAt: 61_000 });
    expect(limits.rateStateFile).toMatch(/receipt-contract-r1\.rate-limited$/);
  });

  const refused: [keyof typeof RUN_LIMIT_SETTINGS, string][] = [
    ['CONTRACT_RATE_PATIENCE', 'soon'],
    ['CONTRACT_RATE_PATIENCE', '0'],
    ['CONTRACT_RATE_PATIENCE', '3601'],
    ['CONTRACT_RATE_PATIENCE', '1.5'],
    ['CONTRACT_DEADLINE', '-1'],
    ['CONTRACT_DEADLINE', '86401'],
  ];
  for (const [name, value] of refused) {
    test(`${name}=${value} is refused with one line naming it`, () => {
      const { fallback, max } = RUN_LIMIT_SETTINGS[name];
      expect(() => readRunLimits({ [name]: value })).toThrow(
        `${name} must be a whole number of seconds from 1 to ${max} (default ${fallback}); received ${JSON.stringify(value)}`,
      );
    });
  }

  test('a bad value stops `playwright test --project contract` before any test: one line, exit 2', async () => {
    test.setTimeout(60_000); // a safety net, not a speed assertion
    const run = await runContract({ CONTRACT_DEADLINE: 'soon' });
    expect(run.code).toBe(2);
    expect(run.output.trim()).toBe(
      'Run limits: CONTRACT_DEADLINE must be a whole number of seconds from 1 to 86400 (default 900); received "soon"',
    );
  });
});
