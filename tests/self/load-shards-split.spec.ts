import fc from 'fast-check';
import { test, expect } from '../../fixtures/test.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { parseShard, shareOf, type Shard } from '../../load/shards/shard.js';
import { shardPaths, shardScenario } from '../../load/shards/shard-scenario.js';
import { scenarioFile } from './load-helpers.js';

const shardsOf = (count: number): Shard[] => Array.from({ length: count }, (_, k) => ({ index: k + 1, count }));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** A resolved scenario with the given load settings (through the real file reader, so it is what a run gets). */
function scenario(
  connections: number,
  rate: number | null,
  maxRequests: number,
): ReturnType<typeof loadScenarioFile>[0] {
  const mode = rate === null ? 'mode: closed' : `mode: open, rate: ${rate}`;
  const load = `connections: ${connections}, maxRequests: ${maxRequests}`;
  const yaml = `scenarios: [{ name: fetch, operation: fetch, ${mode}, ${load} }]`;
  return loadScenarioFile(scenarioFile(yaml))[0];
}

test.describe('--shard i/N: an exact share of every scenario (load/shard.ts)', () => {
  test('the N shares of any whole sum to it and differ by at most one', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 64 }), (total, count) => {
        const shares = shardsOf(count).map((s) => shareOf(total, s));
        expect(sum(shares)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('for any scenario and N, connections, open-loop rate and maxRequests of the shards sum to the scenario', () => {
    const base = scenario(1, 1, 1);
    const load = fc.record({
      connections: fc.integer({ min: 1, max: 1000 }),
      rate: fc.integer({ min: 1, max: 100_000 }),
      maxRequests: fc.integer({ min: 1, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(load, fc.integer({ min: 1, max: 64 }), (l, count) => {
        const whole = { ...base, ...l };
        fc.pre(count <= Math.min(l.connections, l.rate, l.maxRequests));
        const parts = shardsOf(count).map((s) => shardScenario(whole, s));
        expect(sum(parts.map((p) => p.connections))).toBe(l.connections);
        expect(sum(parts.map((p) => p.rate!))).toBe(l.rate);
        expect(sum(parts.map((p) => p.maxRequests))).toBe(l.maxRequests);
        expect(parts.every((p) => p.duration === whole.duration && p.thresholds === whole.thresholds)).toBe(true);
      }),
    );
  });

  test('every path is in exactly one shard, and shard i takes the paths j with j % N == i - 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(200), (count, extra) => {
        const paths = Array.from({ length: count + extra }, (_, j) => `/p/${j}`);
        const parts = shardsOf(count).map((s) => shardPaths('fetch', paths, s));
        const owner = new Map<string, number>();
        parts.forEach((part, k) => part.forEach((p) => owner.set(p, owner.has(p) ? -1 : k)));
        expect(owner.size).toBe(paths.length);
        paths.forEach((p, j) => expect(owner.get(p)).toBe(j % count));
      }),
    );
  });

  test('the whole run (no shard, or 1/1) is the scenario itself', () => {
    const whole = scenario(4, null, 10);
    expect(shardScenario(whole, null)).toBe(whole);
    expect(shardScenario(whole, { index: 1, count: 1 })).toBe(whole);
  });

  for (const [what, run, says] of [
    [
      'connections',
      () => shardScenario(scenario(10, null, 1000), { index: 1, count: 12 }),
      'fetch has 10 connections; 12 shards leave some with none',
    ],
    [
      'rate',
      () => shardScenario(scenario(4, 3, 1000), { index: 1, count: 4 }),
      'fetch has 3 req/s of open-loop rate; 4 shards leave some with none',
    ],
    [
      'maxRequests',
      () => shardScenario(scenario(4, null, 3), { index: 1, count: 4 }),
      'fetch has 3 maxRequests; 4 shards leave some with none',
    ],
    [
      'paths',
      () => shardPaths('list', ['/a', '/b'], { index: 1, count: 3 }),
      'list has 2 URLs; 3 shards leave some with none',
    ],
  ] as const) {
    test(`a split that leaves a shard without ${what} is a usage error naming the scenario`, () => {
      expect(run).toThrow(`--shard: ${says}`);
    });
  }

  for (const text of ['0/3', '4/3', '1/0', '2', 'a/b', '1/3/5', '-1/3', '1.5/3', '']) {
    test(`--shard ${JSON.stringify(text)} is refused with one line naming the flag`, () => {
      expect(() => parseShard(text)).toThrow(
        `--shard: got ${JSON.stringify(text)}; allowed: i/N with whole numbers 1 <= i <= N`,
      );
    });
  }

  test('--shard 2/3 reads as index 2 of 3', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  });
});
