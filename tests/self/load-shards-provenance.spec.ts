import { test, expect } from '../../fixtures/test.js';
import { mergeResults } from '../../load/merge/merge-results.js';
import type { LoadResult } from '../../load/result/load-result.js';
import { generator } from './load-results.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
/** Shard i of n, measuring 1 s from `startMs` after T0. */
const shard = (index: number, count: number, startMs = 0, run = {}): LoadResult =>
  generator(50, (i) => 1 + i / 10, { 200: 50 }, { shard: { index, count }, start: at(startMs), run });
const files = (n: number): string[] => Array.from({ length: n }, (_, k) => `${String.fromCharCode(97 + k)}.json`);
const merge = (results: LoadResult[]): LoadResult => mergeResults(results, files(results.length));

test.describe('load:merge checks provenance before adding anything up', () => {
  test('all shards of one run merge; each generator is named with its shard; the start skew is reported', () => {
    const m = merge([shard(1, 3, 0), shard(2, 3, 40), shard(3, 3, 15)]);
    expect(m.merge!.skew_ms).toEqual({ fetch: 40 });
    expect(m.merge!.inputs.map((i) => [i.file, i.shard])).toEqual([
      ['a.json', '1/3'],
      ['b.json', '2/3'],
      ['c.json', '3/3'],
    ]);
    expect(m.scenarios[0].parts.map((p) => p.generator)).toEqual(
      [1, 2, 3].map((i) => expect.stringMatching(new RegExp(`^.+ pid \\d+ shard ${i}/3$`))),
    );
    expect(m.merge!.notes).toEqual([]);
    expect(m.run.shard).toBeNull();
  });

  const cases: [string, () => LoadResult[], string][] = [
    [
      'a missing shard',
      () => [shard(1, 3), shard(3, 3)],
      'merge: shard 2/3 is missing (have 1/3 from a.json, 3/3 from b.json)',
    ],
    [
      'a shard given twice',
      () => [shard(1, 3), shard(1, 3), shard(2, 3)],
      'merge: shard 1/3 given twice: a.json and b.json',
    ],
    [
      'shards of different counts',
      () => [shard(1, 2), shard(2, 3)],
      'merge: b.json is shard 2/3 but a.json is one of 2',
    ],
    [
      'a whole-load result among shards',
      () => [shard(1, 2), generator(50, () => 1, { 200: 50 })],
      'merge: b.json ran the whole load but a.json ran shard 1/2',
    ],
    [
      'another scenario file',
      () => [shard(1, 2), shard(2, 2, 0, { scenario_sha256: 'cd'.repeat(32), scenario_file: 'other.yaml' })],
      'merge: b.json ran another scenario file than a.json ' +
        '(sha256 cdcdcdcdcdcd… of "other.yaml" vs abababababab… of "load/scenarios.yaml")',
    ],
    [
      'another setting',
      () => {
        const b = shard(2, 2);
        b.run.settings.fetch = { ...b.run.settings.fetch, duration: 10 };
        return [shard(1, 2), b];
      },
      'merge: b.json differs from a.json in fetch.duration: 10 vs 1',
    ],
    [
      'windows that do not overlap',
      () => [shard(1, 2, 0), shard(2, 2, 5000)],
      'merge: the measured windows of fetch do not overlap ' +
        '(a.json 00:00:00.000–00:00:01.000, b.json 00:00:05.000–00:00:06.000)',
    ],
    [
      'a shard that measured nothing (its discovery failed, say): the rest of the load alone must not pass',
      () => [shard(1, 2), generator(0, () => 1, {}, { shard: { index: 2, count: 2 } })],
      'merge: fetch was not measured by shard 2/2 (b.json): no response was received',
    ],
    [
      'series cut into intervals of different lengths',
      () => {
        const b = shard(2, 2);
        b.scenarios[0].series.interval_ms = 250;
        return [shard(1, 2), b];
      },
      'merge: series cut into 500 ms and 250 ms intervals do not add up',
    ],
  ];
  for (const [what, inputs, says] of cases) {
    test(`refuses ${what}, naming the files`, () => {
      expect(() => merge(inputs())).toThrow(says);
    });
  }

  test('generators that each ran the whole load still merge, with a note saying the target got it N times', () => {
    const whole = (): LoadResult => generator(50, () => 1, { 200: 50 });
    const m = merge([whole(), whole()]);
    expect(m.scenarios[0].requests.total).toBe(100);
    expect(m.merge!.notes).toEqual([
      expect.stringContaining('2 generators without --shard: each applied the whole scenario'),
    ]);
  });

  test('a result without provenance is refused with the field it lacks', () => {
    const bare = { ...shard(1, 2), run: undefined } as unknown as LoadResult;
    expect(() => merge([shard(1, 2), bare])).toThrow('merge: b.json has no provenance (run.settings)');
  });
});
