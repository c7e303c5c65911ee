import { test, expect } from '../../fixtures/test.js';
import { create, type Emulator, type FaultName } from '../../emulator/server.js';
import type { ReadingName } from '../../emulator/readings.js';
import { contract } from '../../spec/contract.js';
import { diffTargets, formatDifference, type ShapeDifference } from '../../proxy/diff-run.js';
import { PROXY_DEFAULTS } from '../../proxy/proxy-options.js';

/** Names of diff probes the tables below use more than once. */
const [FIRST, SECOND, ABOVE_MAX] = [
  'list PageSize=2',
  'second page (next_page_url)',
  'list PageSize above the maximum',
];
const DEFAULT_FIRST = 'default-service list PageSize=2';

/** The probes a diff's lines name, each once, in the order they were sent. */
const probesOf = (lines: string[]): string[] => [...new Set(lines.map((l) => l.slice(1, l.indexOf(']'))))];

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

  /** Each fault, exactly the probes whose answers it changes, and what every line of its difference says. */
  const faults: { fault: FaultName; probes: string[]; every: RegExp }[] = [
    {
      fault: 'auth-no-challenge',
      probes: ['list without credentials', 'list with a wrong token'],
      every: /\] header www-authenticate: A basic, B absent$/,
    },
    {
      fault: 'content-type',
      probes: [FIRST, SECOND, 'list (default PageSize)', 'fetch the first listed receipt', DEFAULT_FIRST],
      every: /\] header content-type: A application\/json, B text\/plain$/,
    },
    { fault: 'page-size-unbounded', probes: [ABOVE_MAX], every: /^\[list PageSize above the maximum\] / },
  ];
  for (const { fault, probes, every } of faults) {
    test(`an emulator with the fault ${fault} shows that fault's differences, on exactly the probes it changes`, async () => {
      const lines = (await diffAgainst(fault)).map(formatDifference);
      expect(probesOf(lines)).toEqual(probes);
      expect(lines.filter((l) => !every.test(l))).toEqual([]);
    });
  }
});

/** The probes whose answers differ in a reading, and what every line says (none at all for `every: null`). */
const readings: { readings: ReadingName[]; probes?: string[]; every: RegExp | null }[] = [
  { readings: ['page-only'], probes: [FIRST, SECOND, 'list (default PageSize)', DEFAULT_FIRST], every: /PageToken/ },
  { readings: ['twilio-links', 'clamp-page-size'], probes: [ABOVE_MAX], every: /^\[list PageSize above the maximum\]/ },
  {
    readings: ['twilio-links', 'error-detail'],
    probes: [
      ABOVE_MAX,
      'list PageSize below the minimum',
      'list with a PageToken never issued',
      'fetch an unknown receipt',
      'fetch a malformed receipt SID',
      'list without credentials',
      'list with a wrong token',
    ],
    every: /\/detail: A absent, B string/,
  },
  { readings: ['twilio-links', 'offset-dates'], every: null },
  { readings: ['twilio-links', 'uppercase-hex'], every: null },
  { readings: ['twilio-links', 'slow'], every: null },
];

test.describe('npm run diff against the emulator in another reading', () => {
  for (const { readings: played, probes, every } of readings) {
    test(`${played.join(' + ')} shows exactly that reading's differences`, async () => {
      const a = await create({ port: 0 });
      const b = await create({ port: 0, readings: played });
      try {
        const lines = (await diffTargets(a.target, b.target, contract, PROXY_DEFAULTS)).differences.map(
          formatDifference,
        );
        if (every === null) expect(lines, 'dates, SIDs and latency differ only in noise').toEqual([]);
        else {
          expect(probesOf(lines)).toEqual(probes);
          expect(lines.filter((l) => !every.test(l))).toEqual([]);
        }
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  }
});
