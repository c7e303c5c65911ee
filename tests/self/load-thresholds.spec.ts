import { test, expect } from '../../fixtures/test.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { formatVerdict, judgeThresholds } from '../../load/thresholds/verdicts.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import { UsageError } from '../../client/usage-error.js';
import { chooseInterval } from '../../load/thresholds/windows.js';
import { scenarioFile } from './load-helpers.js';

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
    expect(judgeThresholds(rules, measured).map((v) => [v.rule, v.measured, v.passed])).toEqual([
      ['p99 < 50', 12.5, true],
      ['rps > 1000', 900, false],
      ['error_rate < 0.001', 0.002, false],
      ['invalid == 0', 0, true],
      ['p99.9 < 30', 30, false],
    ]);
  });

  test('a metric the run did not measure fails its rule', () => {
    const [v] = judgeThresholds([parseThreshold('timeouts < 1', 't')], measured);
    expect(v).toMatchObject({ measured: null, passed: false });
    expect(formatVerdict('fetch', v)).toBe('✗ fetch timeouts < 1 measured not measured');
  });

  test('prints "✓/✗ scenario rule measured value", and the worst window of a windowed rule', () => {
    const windowed = { ...parseThreshold('p99 < 50 over 5s', 't'), measured: 73.2, passed: false };
    expect(formatVerdict('fetch', { ...windowed, window: { from_s: 10, to_s: 15 } })).toBe(
      '✗ fetch p99 < 50 over 5s measured 73.2 (worst window 10–15 s)',
    );
    const [pass, fail] = judgeThresholds(
      [parseThreshold('p99 < 50', 't'), parseThreshold('rps > 1000', 't')],
      measured,
    );
    expect(formatVerdict('fetch', pass)).toBe('✓ fetch p99 < 50 measured 12.5');
    expect(formatVerdict('list', fail)).toBe('✗ list rps > 1000 measured 900');
  });
});

test.describe('windowed rules and abortOnFail in the scenario file', () => {
  for (const [rule, metric, over_ms] of [
    ['p99 < 50 over 5s', 'latency.p99', 5000],
    ['p99<50 over 500ms', 'latency.p99', 500],
    ['rps > 100 over 1.5s', 'requests.average', 1500],
    ['error_rate < 0.01 over 1m', 'error_rate', 60_000],
    ['non2xx == 0 over 2 s', 'non2xx', 2000],
  ] as const) {
    test(`parses "${rule}" as ${metric} over ${over_ms} ms`, () => {
      expect(parseThreshold(rule, 'here')).toMatchObject({ metric, over_ms });
    });
  }

  for (const [rule, says] of [
    ['p99 < 50 over 0s', 'window "0s" must be a whole multiple of 100 ms'],
    ['p99 < 50 over 250ms', 'window "250ms" must be a whole multiple of 100 ms'],
    ['p99 < 50 over soon', 'window "soon" is not a duration; write a number with ms, s or m'],
    ['p99 < 50 over 5', 'window "5" is not a duration'],
    ['p99 < 50 over 5h', 'window "5h" is not a duration'],
    ['p99 < 50 over', 'is not a rule'],
    ['sampled > 10 over 5s', 'sampled is judged on the whole run only; allowed over a window: p50, p90'],
    ['timeouts < 1 over 5s', 'timeouts is judged on the whole run only'],
  ] as const) {
    test(`rejects the window of ${JSON.stringify(rule)} in one line, naming the rule`, () => {
      expect(() => parseThreshold(rule, 'x.yaml /scenarios/0/thresholds/1')).toThrow(UsageError);
      expect(() => parseThreshold(rule, 'x.yaml /scenarios/0/thresholds/1')).toThrow(
        new RegExp(`^x\\.yaml /scenarios/0/thresholds/1: .*${says.replace(/[.*+?()]/g, '\\$&')}`),
      );
    });
  }

  const scenario = (threshold: string, more = ''): string =>
    `scenarios: [{ name: fetch, operation: fetch, duration: 5${more}, thresholds: ["p99 < 50", ${threshold}] }]`;
  for (const [threshold, says] of [
    [
      '{ rule: "p99 < 50", abortOnFial: true }',
      '/scenarios/0/thresholds/1: must NOT have additional properties "abortOnFial"; ' +
        'allowed: rule, abortOnFail, delayAbortEval',
    ],
    ['{ rule: "p99 < 50", abortOnFail: "yes" }', '/scenarios/0/thresholds/1/abortOnFail: must be boolean'],
    ['{ rule: "p99 < 50", delayAbortEval: -1 }', '/scenarios/0/thresholds/1/delayAbortEval: must be >= 0'],
    ['{ abortOnFail: true }', "/scenarios/0/thresholds/1: must have required property 'rule'"],
    ['{ rule: "p99 < 50 over soon" }', '/scenarios/0/thresholds/1/rule: "p99 < 50 over soon": window "soon"'],
    [
      '{ rule: "sampled > 10", abortOnFail: true }',
      '/scenarios/0/thresholds/1/abortOnFail: "sampled > 10": sampled is only known at the end',
    ],
    [
      '"p99 < 50 over 10s"',
      '/scenarios/0/thresholds/1: "p99 < 50 over 10s": the window (10 s) is longer than the measured duration (5 s)',
    ],
    ['50', '/scenarios/0/thresholds/1: must be string,object'],
  ] as const) {
    test(`a scenario file with thresholds entry ${threshold} fails before any load, with the JSON pointer`, () => {
      const file = scenarioFile(scenario(threshold));
      expect(() => loadScenarioFile(file)).toThrow(UsageError);
      expect(() => loadScenarioFile(file)).toThrow(`${file} ${says}`);
    });
  }

  test('a --duration shorter than a window is a smoke run, not a mistake in the file: its run is one window', () => {
    const file = scenarioFile(scenario('"p99 < 50 over 2s"'));
    expect(loadScenarioFile(file, { duration: 1 })[0]).toMatchObject({
      duration: 1,
      thresholds: [{}, { over_ms: 2000 }],
    });
  });

  test('the object form keeps its rule and k6’s abort settings', () => {
    const file = scenarioFile(scenario('{ rule: "p99 < 50 over 1s", abortOnFail: true, delayAbortEval: 2 }'));
    const [s] = loadScenarioFile(file);
    expect(s.thresholds[1]).toEqual({
      rule: 'p99 < 50 over 1s',
      metric: 'latency.p99',
      op: '<',
      value: 50,
      over_ms: 1000,
      abortOnFail: true,
      delayAbortEval: 2,
    });
  });

  for (const [windows, defaultMs, interval] of [
    [[], 1000, 1000],
    [[5000], 1000, 1000],
    [[2000], 1000, 400],
    [[2000, 3000], 1000, 250],
    [[300], 100, 100],
    [[700], 1000, 140],
    [[2300], 1000, 460],
  ] as const) {
    const title = `windows of ${windows.join(', ') || 'none'} ms cut the series into ${interval} ms intervals`;
    test(`${title} (default ${defaultMs})`, () => {
      const rules = windows.map((w) => parseThreshold(`p99 < 50 over ${w}ms`, 't'));
      expect(chooseInterval(rules, defaultMs)).toBe(interval);
    });
  }
});
