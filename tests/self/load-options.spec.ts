import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { DEFAULT_FILE, parseOptions } from '../../load/run/options.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { checkTargetUrl } from '../../load/target.js';
import { PRODUCTION_DOMAINS, registrableDomain } from '../../load/cost-guard.js';
import { contract } from '../../spec/contract.js';

const dir = mkdtempSync(join(tmpdir(), 'load-options-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const noConsent = { allowRemote: false, acceptTwilioCosts: false };
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
    [['--rate', '-5'], "Option '--rate' argument is ambiguous"],
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

test.describe('load target safety', () => {
  test('accepts loopback targets', () => {
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:1', 'http://[::1]:8080'])
      expect(() => checkTargetUrl(url, noConsent)).not.toThrow();
  });

  test('refuses a remote target without --allow-remote', () => {
    expect(() => checkTargetUrl('https://staging.example.com', noConsent)).toThrow('add --allow-remote');
    expect(() =>
      checkTargetUrl('https://staging.example.com', { allowRemote: true, acceptTwilioCosts: false }),
    ).not.toThrow();
  });

  // Every spelling of a Twilio host (region, edge, capitals, trailing dot) is production; look-alikes are not.
  const hosts: [string, boolean][] = [
    ...contract.paths.productionOrigins.map((o): [string, boolean] => [new URL(o).hostname, true]),
    ...contract.paths.productionOrigins.map((o): [string, boolean] => [new URL(o).hostname.toUpperCase(), true]),
    ...contract.paths.productionOrigins.map((o): [string, boolean] => [new URL(o).hostname + '.', true]),
    ...['conversations.dublin.ie1', 'conversations.sydney.au1', 'api', 'anything.at.all'].map(
      (sub): [string, boolean] => [`${sub}.${PRODUCTION_DOMAINS[0]}`, true],
    ),
    [PRODUCTION_DOMAINS[0], true],
    [`${PRODUCTION_DOMAINS[0]}.evil.test`, false],
    [`not${PRODUCTION_DOMAINS[0]}`, false],
    [`conversations.not${PRODUCTION_DOMAINS[0]}`, false],
  ];
  for (const [host, production] of hosts) {
    test(`${production ? 'refuses' : 'allows with --allow-remote'} https://${host} without --i-accept-twilio-costs`, () => {
      const run = (): void => checkTargetUrl(`https://${host}/`, { allowRemote: true, acceptTwilioCosts: false });
      if (production) expect(run).toThrow('--i-accept-twilio-costs');
      else expect(run).not.toThrow();
      expect(() => checkTargetUrl(`https://${host}/`, { allowRemote: true, acceptTwilioCosts: true })).not.toThrow();
    });
  }

  test("the production domain comes from the spec's servers", () => {
    expect(PRODUCTION_DOMAINS.length).toBeGreaterThan(0);
    for (const o of contract.paths.productionOrigins)
      expect(PRODUCTION_DOMAINS).toContain(registrableDomain(new URL(o).hostname));
  });

  test("refuses Twilio's production origins unless the cost is explicitly accepted", () => {
    for (const origin of contract.paths.productionOrigins) {
      expect(() => checkTargetUrl(origin, { allowRemote: true, acceptTwilioCosts: false })).toThrow(
        '--i-accept-twilio-costs',
      );
      expect(() => checkTargetUrl(origin, { allowRemote: true, acceptTwilioCosts: true })).not.toThrow();
    }
  });
});
