import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import type { Expectation } from '../../spec/checks/index.js';
import { Coverage, coverageMarkdown } from '../contract/generated/coverage.js';
import { curlLine } from '../contract/generated/curl-line.js';
import { causeKey } from '../contract/generated/explore.js';
import { readFailures } from '../contract/generated/failures-file.js';
import type { GenCase } from '../contract/generated/gen-case.js';
import { DEFAULT_BUDGET, NIGHTLY_BUDGET, readGeneratedSettings } from '../contract/generated/generated-settings.js';
import { pageSizePlan } from '../contract/generated/page-size-cases.js';
import { shareBudget } from '../contract/generated/run-generated.js';
import { sidOf } from './exchanges.js';

const { min, max } = contract.paging.pageSize;
/** PageSize text, and the expectations a 200 and an error are judged by. */
const sizes: [string, Expectation, Expectation][] = [
  [String(min), 'page', 'page'],
  [String(max), 'page', 'page'],
  [String(min + 1), 'page', 'page'],
  [String(max + 1), 'page_size', 'page_size'],
  ['9'.repeat(30), 'page_size', 'page_size'],
  [String(min - 1), 'rejected', 'rejected'],
  ['-7', 'rejected', 'rejected'],
  ['', 'rejected', 'rejected'],
  ['abc', 'rejected', 'rejected'],
  [`${min}.5`, 'rejected', 'rejected'],
  [`0${min}`, 'page', 'rejected'],
  ['1e1', 'page', 'rejected'],
];

test.describe('Generated requests: oracle, dedup, curl line and settings', () => {
  for (const [raw, onOk, onError] of sizes) {
    test(`judges PageSize=${JSON.stringify(raw)} as ${onOk} on a 200 and ${onError} otherwise`, () => {
      const plan = pageSizePlan(contract, raw);
      expect([plan.onOk, plan.onError]).toEqual([onOk, onError]);
    });
  }

  test('counts violations at different items of one page, and in either operation, as one cause', () => {
    const c = { op: 'list', scope: 'service', family: 'path', kind: 'swap-parent' } as GenCase;
    const key = (pointer: string, op = 'list') =>
      causeKey({ check: 'receipt_path_sids', pointer, message: '' }, { ...c, op } as GenCase);
    expect(key('/delivery_receipts/0/sid')).toBe(key('/delivery_receipts/12/sid', 'fetch'));
    expect(key('/delivery_receipts/0/sid')).not.toBe(key('/delivery_receipts/0/message_sid'));
  });

  for (const auth of [
    'valid',
    'none',
    'wrong-token',
    'other-account',
    'bearer',
    'not-base64',
    'no-colon',
    'empty-token',
  ] as const) {
    test(`writes a curl line for auth ${auth} that reads credentials from the environment and quotes the path`, () => {
      const line = curlLine('/v1/x?a=$(id)&b="`', auth, sidOf('account_sid', '0'));
      expect(line).toMatch(/^curl .*"\$TARGET_URL\/v1\/x\?a=\\\$\(id\)&b=\\"\\`"$/);
      if (auth === 'valid') expect(line).toContain('-u "$TARGET_ACCOUNT_SID:$TARGET_AUTH_TOKEN"');
    });
  }

  test('reads CONTRACT_SEED and CONTRACT_BUDGET, and names the setting in a one-line error', () => {
    expect(readGeneratedSettings({ CONTRACT_SEED: '42', CONTRACT_BUDGET: '10' })).toEqual({ seed: 42, budget: 10 });
    expect(readGeneratedSettings({}).budget).toBe(DEFAULT_BUDGET);
    expect(() => readGeneratedSettings({ CONTRACT_BUDGET: 'lots' })).toThrow(
      /^CONTRACT_BUDGET must be an integer from 0 to \d+; received "lots"$/,
    );
    expect(() => readGeneratedSettings({ CONTRACT_SEED: '-1' })).toThrow(/^CONTRACT_SEED must be an integer/);
  });

  test('refuses a failures file line that holds no saved case, naming the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'failures-'));
    try {
      const file = join(dir, 'failures.jsonl');
      writeFileSync(file, '{"check":"x"}\n');
      expect(() => readFailures(file)).toThrow(/line 1 holds no saved case/);
      writeFileSync(file, 'not json\n');
      expect(() => readFailures(file)).toThrow(/line 1 is not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('tabulates what was sent per operation, scope and input class, with the statuses that came back, and counts distinct cases', () => {
    const cov = new Coverage();
    const c = {
      op: 'list',
      scope: 'default',
      family: 'page-size',
      kind: 'inside',
      auth: 'valid',
      path: '/a',
    } as GenCase;
    cov.add(c, 200);
    cov.add(c, 200);
    cov.add({ ...c, path: '/b' }, 0);
    cov.add({ ...c, path: '/b', auth: 'none' }, 0);
    expect({ total: cov.total(), distinct: cov.distinct() }, 'the same credentials and path again are not new').toEqual(
      {
        total: 4,
        distinct: 3,
      },
    );
    cov.add({ ...c, path: '/b', auth: 'none' }, 200);
    expect(cov.table()).toEqual([
      { operation: 'list', scope: 'default', input: 'page-size:inside', sent: 5, statuses: { 200: 3, 0: 2 } },
    ]);
    expect(coverageMarkdown(cov.table())).toContain(
      '| list | default | `page-size:inside` | 5 | no response×2, 200×3 |',
    );
  });

  test('the README states the default and nightly budgets the code uses', () => {
    const readme = readFileSync(new URL('../../docs/generated.md', import.meta.url), 'utf8');
    const section = readme;
    expect(section).toContain(`(default ${DEFAULT_BUDGET}:`);
    expect(section).toContain(`CONTRACT_BUDGET=${NIGHTLY_BUDGET}`);
  });

  for (const [budget, examples] of [
    [300, [64, 13, 64, 16]],
    [100, [64, 13, 64, 16]],
    [0, [5, 5]],
    [7, []],
  ] as const) {
    test(`splits a budget of ${budget} over examples ${JSON.stringify(examples)} without spending more`, () => {
      const shares = shareBudget(budget, [...examples]);
      expect(shares.reduce((n, s) => n + s, 0)).toBeLessThanOrEqual(budget);
      if (budget >= examples.reduce((n, e) => n + e, 0))
        shares.forEach((s, i) => expect(s).toBeGreaterThanOrEqual(examples[i]));
    });
  }
});
