import { test, expect } from '../../fixtures/test.js';
import { formatVerdict, judge, parseThreshold } from '../../load/thresholds.js';
import { UsageError } from '../../load/usage-error.js';

const measured = { latency: { p99: 12.5, p99_9: 30 }, requests: { average: 900 }, error_rate: 0.002, mismatches: 0 };

test.describe('load thresholds (SLO rules as data)', () => {
  for (const [rule, metric, op, value] of [
    ['p99 < 50', 'latency.p99', '<', 50],
    ['rps > 1000', 'requests.average', '>', 1000],
    ['error_rate < 0.001', 'error_rate', '<', 0.001],
    ['p99.9 <= 40', 'latency.p99_9', '<=', 40],
    ['latency.p99_9<40', 'latency.p99_9', '<', 40],
    ['invalid == 0', 'mismatches', '==', 0],
  ] as const) {
    test(`parses "${rule}" into ${metric} ${op} ${value}`, () => {
      expect(parseThreshold(rule, 'here')).toMatchObject({ metric, op, value });
    });
  }

  for (const [rule, says] of [
    ['p99 ~ 50', 'is not a rule'],
    ['p99 <', 'is not a rule'],
    ['< 50', 'is not a rule'],
    [50, 'is not a rule'],
    ['p98 < 50', 'unknown metric "p98"'],
    ['latency.p42 < 1', 'unknown metric'],
  ] as const) {
    test(`rejects ${JSON.stringify(rule)} before any load, naming where`, () => {
      expect(() => parseThreshold(rule, 'x.yaml /scenarios/0/thresholds/1')).toThrow(UsageError);
      expect(() => parseThreshold(rule, 'x.yaml /scenarios/0/thresholds/1')).toThrow(
        new RegExp(`^x\\.yaml /scenarios/0/thresholds/1: .*${says}`),
      );
    });
  }

  test('judges each rule as a pure function of the measurements, one verdict per rule', () => {
    const rules = ['p99 < 50', 'rps > 1000', 'error_rate < 0.001', 'invalid == 0', 'p99.9 < 30'].map((r) =>
      parseThreshold(r, 't'),
    );
    expect(judge(rules, measured).map((v) => [v.rule, v.measured, v.passed])).toEqual([
      ['p99 < 50', 12.5, true],
      ['rps > 1000', 900, false],
      ['error_rate < 0.001', 0.002, false],
      ['invalid == 0', 0, true],
      ['p99.9 < 30', 30, false],
    ]);
  });

  test('a metric the run did not measure fails its rule', () => {
    const [v] = judge([parseThreshold('timeouts < 1', 't')], measured);
    expect(v).toMatchObject({ measured: null, passed: false });
    expect(formatVerdict('fetch', v)).toBe('✗ fetch timeouts < 1 measured not measured');
  });

  test('prints "✓/✗ scenario rule measured value"', () => {
    const [pass, fail] = judge([parseThreshold('p99 < 50', 't'), parseThreshold('rps > 1000', 't')], measured);
    expect(formatVerdict('fetch', pass)).toBe('✓ fetch p99 < 50 measured 12.5');
    expect(formatVerdict('list', fail)).toBe('✗ list rps > 1000 measured 900');
  });
});
