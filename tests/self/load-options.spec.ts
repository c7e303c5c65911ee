import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { DEFAULT_FILE, parseOptions } from '../../load/run/options.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { contract } from '../../spec/contract.js';

const dir = mkdtempSync(join(tmpdir(), 'load-options-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
/** The clock --start-at is judged against: fixed, so the table reads the same on every run. */
const NOW = Date.parse('2026-12-01T20:00:00.000Z');

test.describe('load options (validated once, frozen)', () => {
  test('reads flags and a scenario file path', () => {
    const o = parseOptions([
      'my.yaml',
      '--scenario',
      'fetch,list',
      '--duration',
      '2.5',
      '--connections',
      '4',
      '--rate',
      '300',
      '--out',
      'x',
    ]);
    expect(o).toMatchObject({
      file: 'my.yaml',
      scenarios: ['fetch', 'list'],
      duration: 2.5,
      connections: 4,
      rate: 300,
      out: 'x',
      allowRemote: false,
    });
    expect(Object.isFrozen(o)).toBe(true);
    expect(parseOptions([]).file).toBe(DEFAULT_FILE);
  });

  test("reads --shard, --start-at and --workers (auto: this machine's parallelism, at least 1)", () => {
    const at = new Date(NOW + 1500).toISOString();
    expect(parseOptions(['--shard', '2/3', '--start-at', at], NOW)).toMatchObject({
      shard: { index: 2, count: 3 },
      startAt: new Date(at),
      workers: null,
    });
    expect(parseOptions(['--start-at', new Date(NOW - 2000).toISOString()], NOW).startAt).toEqual(new Date(NOW - 2000));
    expect(parseOptions(['--workers', '3']).workers).toBe(3);
    expect(parseOptions(['--workers', 'auto']).workers).toBe(Math.max(1, availableParallelism()));
    expect(parseOptions([])).toMatchObject({ shard: null, startAt: null, workers: null });
  });

  for (const [argv, says] of [
    [['--duration', 'abc'], '--duration: got "abc"; allowed: a number of seconds > 0'],
    [['--duration', '0'], '--duration: got "0"'],
    [['--connections', '2.5'], '--connections: got "2.5"; allowed: a whole number >= 1'],
    [['--rate=-5'], '--rate: got "-5"'],
    [['--rate', '-5'], '--rate takes a value; one that starts with "-" is written --rate=VALUE'],
    [['--warmup', 'x'], '--warmup: got "x"; allowed: a number of seconds >= 0'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['a.yaml', 'b.yaml'], 'scenario file: got ["a.yaml","b.yaml"]'],
    [['--shard', '4/3'], '--shard: got "4/3"; allowed: i/N with whole numbers 1 <= i <= N, e.g. --shard 2/3'],
    [['--workers', '0'], '--workers: got "0"; allowed: a whole number >= 1'],
    [['--workers', 'many'], '--workers: got "many"'],
    [['--workers', '2', '--shard', '1/2'], '--workers and --shard: give one'],
    [['--start-at', 'soon'], '--start-at: got "soon"; allowed: an ISO date-time with a zone'],
    [
      ['--start-at', '2026-12-01T20:00:00'],
      '--start-at: got "2026-12-01T20:00:00"; allowed: an ISO date-time with a zone',
    ],
    [['--start-at', new Date(NOW - 60_000).toISOString()], 'that is 60.0 s ago; give a time in the future'],
    [['--start-at', new Date(NOW + 2 * 3600_000).toISOString()], 'that is 7200 s ahead; at most 3600 s allowed'],
  ] as const) {
    test(`rejects ${argv.join(' ')} with a one-line message naming the flag`, () => {
      expect(() => parseOptions(argv, NOW)).toThrow(says);
    });
  }
});

test.describe('load scenario file (rejected before any load is sent)', () => {
  test('the shipped scenarios.yaml has fetch and list, with thresholds', () => {
    const s = loadScenarioFile(DEFAULT_FILE);
    expect(s.map((x) => x.operation)).toEqual(expect.arrayContaining(['fetch', 'list']));
    expect(s.every((x) => x.thresholds.length > 0 && x.duration > 0 && x.maxRequests > 0)).toBe(true);
  });

  test('flags override the file: --rate switches to open loop, --duration and --connections apply to all', () => {
    const s = loadScenarioFile(DEFAULT_FILE, { scenarios: ['fetch'], rate: 100, duration: 1, connections: 3 });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ name: 'fetch', mode: 'open', rate: 100, duration: 1, connections: 3 });
  });

  for (const [yaml, says] of [
    ['scenarios: [{ name: fetch, operation: fetch, duration: -1 }]', '/scenarios/0/duration: must be > 0'],
    [
      'scenarios: [{ name: fetch, operation: delete }]',
      `/scenarios/0/operation: must be equal to one of the allowed values: ${[...new Set(contract.paths.operations.map((o) => o.name))].join(', ')}`,
    ],
    [
      `scenarios: [{ name: l, operation: list, pageSize: ${contract.paging.pageSize.max + 1} }]`,
      `/scenarios/0/pageSize: must be <= ${contract.paging.pageSize.max}`,
    ],
    [
      'scenarios: [{ name: fetch, operation: fetch, thresholds: ["p99 is small"] }]',
      '/scenarios/0/thresholds/0: "p99 is small" is not a rule',
    ],
    [
      'scenarios: [{ name: fetch, operation: fetch, mode: open }]',
      '/scenarios/0/rate: an open-loop scenario needs a rate',
    ],
    ['scenarios: [{ name: fetch, operation: fetch, colour: red }]', 'must NOT have additional properties "colour"'],
    ['scenarios: [', 'scenario file'],
  ] as const) {
    test(`rejects ${yaml.slice(0, 60)}`, () => {
      expect(() => loadScenarioFile(file('bad.yaml', yaml))).toThrow(says);
    });
  }

  test('an unknown --scenario names the ones the file has', () => {
    expect(() => loadScenarioFile(DEFAULT_FILE, { scenarios: ['nope'] })).toThrow(
      /--scenario: no scenario "nope" in .*; allowed: fetch, list/,
    );
  });
});
