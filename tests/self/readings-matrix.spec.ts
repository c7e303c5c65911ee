import { expect, test } from '../../fixtures/test.js';
import { create, type EmulatorOptions } from '../../emulator/server.js';
import { readingNames, type ReadingName } from '../../emulator/readings.js';
import { freezeTarget } from '../../target/settings.js';
import { runProbes } from '../contract/run-probes.js';
import type { Annotation } from '../contract/probes/session.js';

/** One cell of the matrix: readings the emulator plays, whether conversations are addressed by unique name, and a
 * base path the API is served under (a gateway's prefix; its links carry it). */
interface Cell {
  readings: ReadingName[];
  byName?: boolean;
  basePath?: string;
}

/**
 * Readings whose generated phase waits out many 429s (one request in four, or every burst past 2 in flight, a second
 * each): `npm test` runs their cells with the fixed probes only (2 to 5 s each); READINGS_FULL=1 (`npm run
 * selftest:readings`) runs them whole (10 to 25 s each, most of it waiting as Retry-After asks).
 */
const LONG: readonly ReadingName[] = ['rate-limited-heavy', 'concurrency-limit'];
const FULL = process.env.READINGS_FULL === '1';
const isLong = (cell: Cell): boolean => cell.readings.some((r) => LONG.includes(r));

/** Every reading alone, a few combinations, the conversation addressed by unique name, and the API under a prefix. */
const matrix: Cell[] = [
  ...readingNames.map((r) => ({ readings: [r] })),
  { readings: ['page-only', 'clamp-page-size', 'offset-dates', 'uppercase-hex'] },
  { readings: ['twilio-links', 'uppercase-hex', 'error-detail', 'rate-limited'] },
  { readings: ['page-only', 'no-retry-after', 'slow', 'offset-dates'] },
  { readings: ['twilio-links'], byName: true },
  { readings: ['page-only', 'uppercase-hex', 'clamp-page-size'], byName: true },
  { readings: ['rate-limited-heavy', 'concurrency-limit', 'twilio-links', 'uppercase-hex'] },
  { readings: ['concurrency-limit', 'rate-limited', 'page-only', 'error-detail'] },
  { readings: ['twilio-links'], basePath: '/twilio-api' },
  { readings: ['page-only', 'uppercase-hex', 'offset-dates'], byName: true, basePath: '/edge/twilio-api' },
];

/** What a reading must make the suite say it saw (the notes are the report's record of the target's choices). */
const NOTED: Partial<Record<ReadingName, RegExp>> = {
  'twilio-links': /next_page_url carries a PageToken/,
  'page-only': /next_page_url carries no PageToken/,
  'clamp-page-size': /clamped/,
  // the 429s were met, waited out and retried until served (not avoided by luck)
  'rate-limited': /answered 429 \(rate limited\)/,
  'rate-limited-heavy': /answered 429 \(rate limited\)/,
  'concurrency-limit': /answered 429 \(rate limited\)/,
  'no-retry-after': /without a usable Retry-After/,
};

/** Runs every probe of the contract suite in-process against the emulator playing a cell's readings. */
async function probeCell(cell: Cell): Promise<{ violations: string[]; notes: Annotation[] }> {
  const options = { port: 0, host: '127.0.0.1', readings: cell.readings, basePath: cell.basePath };
  const emu = await create(options satisfies EmulatorOptions);
  try {
    if (cell.byName && !(emu.conversationName && emu.defaultConversationName))
      throw new Error('the seed names no conversation');
    const byName = cell.byName
      ? { conversationSid: emu.conversationName, defaultConversationSid: emu.defaultConversationName }
      : {};
    const { authToken, otherAuthToken } = emu.target; // not enumerable: copied by name
    const target = freezeTarget({ ...emu.target, authToken, otherAuthToken, ...byName } as typeof emu.target);
    const notes: Annotation[] = [];
    const found = await runProbes(target, {}, { notes, ...(isLong(cell) && !FULL ? { generated: false } : {}) });
    return { violations: found.map((v) => `[${v.check}] ${v.pointer}: ${v.message} (${v.request ?? ''})`), notes };
  } finally {
    await emu.stop();
  }
}

test.describe('every reading a correct server may have passes the whole contract suite', () => {
  for (const cell of matrix) {
    const where = `${cell.byName ? ', conversations by unique name' : ''}${cell.basePath ? `, under ${cell.basePath}` : ''}`;
    const part = isLong(cell) && !FULL ? ' (fixed probes; READINGS_FULL=1 adds the generated phase)' : '';
    const title = `${cell.readings.join(' + ')}${where}: zero violations${part}`;
    test(title, async ({}, testInfo) => {
      if (isLong(cell)) test.setTimeout(180_000); // a safety net for minutes of honest waiting, not a speed bar
      const { violations, notes } = await probeCell(cell);
      expect(violations, 'violations against a correct emulator (a false alarm)').toEqual([]);
      for (const r of cell.readings) {
        const want = NOTED[r];
        if (want)
          expect(notes.map((n) => n.description).join('\n'), `the suite's notes should say it saw ${r}`).toMatch(want);
      }
      testInfo.annotations.push(...notes);
    });
  }
});
