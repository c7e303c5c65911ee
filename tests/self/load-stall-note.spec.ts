import { expect, test } from '../../fixtures/test.js';
import { stallNotes, type StallInput } from '../../load/measure/stall-note.js';

const steady = (n: number): number[] => Array.from({ length: n }, () => 100);
/** 100 ms intervals of 100 answers (1000/s), with some replaced. */
const closed = (requests: number[]): StallInput => ({ mode: 'closed', series: { interval_ms: 100, requests } });
const stalled = [...steady(10), ...Array.from({ length: 10 }, () => 0), ...steady(10)];

const cases: [string, StallInput, RegExp | null][] = [
  ['a steady closed-loop run gets no note', closed(steady(30)), null],
  [
    'a closed-loop run with no answer for 1 s names the stall, when it began, and open mode at its rate',
    closed(stalled),
    new RegExp(
      '^a stall of ~1\\.0 s from 1\\.0 s: closed loop sends nothing .* \\(coordinated omission\\); ' +
        'run it in open mode \\(mode: open, rate: 1000\\) to measure it$',
    ),
  ],
  [
    'throughput below 10 % of the median counts as a stall too',
    closed([...steady(10), ...Array.from({ length: 5 }, () => 9), ...steady(10)]),
    /^a stall of ~0\.5 s from 1\.0 s:/,
  ],
  ['a pause shorter than 400 ms gets no note', closed([...steady(10), 0, 0, 0, ...steady(10)]), null],
  [
    'the last interval, cut short by the end of the run, is no stall',
    { mode: 'closed', series: { interval_ms: 1000, requests: [...steady(5), 3] } },
    null,
  ],
  ['an open-loop run gets no note: its latency already counts the wait', { ...closed(stalled), mode: 'open' }, null],
  ['a run with no answer at all gets no stall note', closed([0, 0, 0, 0, 0, 0]), null],
];

test.describe('stallNotes (load/stall-note.ts)', () => {
  for (const [title, input, want] of cases) {
    test(title, () => {
      const notes = stallNotes(input);
      if (want === null) expect(notes).toEqual([]);
      else {
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatch(want);
      }
    });
  }
});
