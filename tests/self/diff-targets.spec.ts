import { test, expect } from '../../fixtures/test.js';
import { create, type Emulator, type FaultName } from '../../emulator/server.js';
import type { ReadingName } from '../../emulator/readings.js';
import { contract } from '../../spec/contract.js';
import { diffTargets, formatDifference, type ShapeDifference } from '../../proxy/diff-run.js';
import { PROXY_DEFAULTS } from '../../proxy/proxy-options.js';

/** Diffs an emulator without a fault (A) against one with the fault (B). */
async function diffAgainst(fault?: FaultName): Promise<ShapeDifference[]> {
  const emulators: Emulator[] = [await create({ port: 0 }), await create({ port: 0, fault })];
  try {
    return (await diffTargets(emulators[0].target, emulators[1].target, contract, PROXY_DEFAULTS)).differences;
  } finally {
    await Promise.all(emulators.map((e) => e.stop()));
  }
}

test.describe('npm run diff (two targets compared by shape)', () => {
  test('the emulator against another emulator of the same data shows no difference', async () => {
    expect((await diffAgainst()).map(formatDifference)).toEqual([]);
  });

  test('another data set (other SIDs, dates, tokens, origins) differs only in noise, so shows nothing', async () => {
    const a = await create({ port: 0 });
    // its target spans pages, as the seed's does (55 receipts), and it names no default-service message
    const b = await create({ port: 0, dataset: { receipts: 1100, seed: 2 } });
    try {
      const found = await diffTargets(a.target, b.target, contract, PROXY_DEFAULTS);
      expect(found.differences.map(formatDifference)).toEqual([]);
      expect(found.skipped).toEqual(['default-service list PageSize=2']); // the synthetic set names no default message
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  const faults: { fault: FaultName; shows: string[] }[] = [
    {
      fault: 'auth-no-challenge',
      shows: [
        '[list without credentials] header www-authenticate: A basic, B absent',
        '[list with a wrong token] header www-authenticate: A basic, B absent',
      ],
    },
    { fault: 'content-type', shows: ['header content-type'] },
    { fault: 'page-size-unbounded', shows: ['[list PageSize above the maximum]'] },
  ];
  for (const { fault, shows } of faults) {
    test(`an emulator with the fault ${fault} shows that fault's differences`, async () => {
      const lines = (await diffAgainst(fault)).map(formatDifference);
      expect(lines.length).toBeGreaterThan(0);
      for (const s of shows)
        expect(
          lines.some((l) => l.includes(s)),
          `${s} in:\n${lines.join('\n')}`,
        ).toBe(true);
    });
  }
});

/** What diffing the default emulator against one in a reading must show (every line matches; none for `[]`). */
const readings: { readings: ReadingName[]; every: RegExp | null }[] = [
  { readings: ['page-only'], every: /PageToken/ },
  { readings: ['twilio-links', 'clamp-page-size'], every: /^\[list PageSize above the maximum\]/ },
  { readings: ['twilio-links', 'error-detail'], every: /\/detail: A absent, B string/ },
  { readings: ['twilio-links', 'offset-dates'], every: null },
  { readings: ['twilio-links', 'uppercase-hex'], every: null },
  { readings: ['twilio-links', 'slow'], every: null },
];

test.describe('npm run diff against the emulator in another reading', () => {
  for (const { readings: played, every } of readings) {
    test(`${played.join(' + ')} shows exactly that reading's differences`, async () => {
      const a = await create({ port: 0 });
      const b = await create({ port: 0, readings: played });
      try {
        const lines = (await diffTargets(a.target, b.target, contract, PROXY_DEFAULTS)).differences.map(
          formatDifference,
        );
        if (every === null) expect(lines, 'dates, SIDs and latency differ only in noise').toEqual([]);
        else {
          expect(lines.length).toBeGreaterThan(0);
          expect(lines.filter((l) => !every.test(l))).toEqual([]);
        }
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  }
});
