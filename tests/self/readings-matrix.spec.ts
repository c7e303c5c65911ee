import { expect, test } from '../../fixtures/test.js';
import { create, type EmulatorOptions } from '../../emulator/server.js';
import type { SyntheticSpec } from '../../emulator/options.js';
import { readingNames, type ReadingName } from '../../emulator/readings.js';
import { freezeTarget } from '../../client/settings.js';
import { runProbes } from '../contract/run-probes.js';
import { DEFAULT_MAX_RECEIPTS } from '../contract/probes/max-receipts.js';
import type { Annotation } from '../contract/probes/session.js';

/**
 * One cell of the matrix: readings the emulator plays, whether conversations are addressed by unique name, a data
 * set other than the seed's (whose advertised messages are groups past two maximum pages), a base path the API is
 * served under (a gateway's prefix; its links carry it), and whether only the full matrix runs it (`npm run matrix`;
 * `npm test` runs the rest).
 */
interface Cell {
  readings: ReadingName[];
  byName?: boolean;
  dataset?: SyntheticSpec;
  basePath?: string;
  fullOnly?: true;
}

/** A synthetic data set whose advertised message (5 % of it) holds more receipts than discovery reads by default. */
const LONG = { receipts: Math.ceil((DEFAULT_MAX_RECEIPTS * 1.1) / 0.05), seed: 1 };
/** `npm run matrix` sets this: every cell, the slow combinations (429 waits, latency) with live data included. */
const FULL = process.env.MATRIX === 'full';
/**
 * Readings whose generated phase waits out many 429s (one request in four, or every burst past 2 in flight, a second
 * each): `npm test` runs their cells with the fixed probes only; `npm run matrix` runs them whole.
 */
const WAITING: readonly ReadingName[] = ['rate-limited-heavy', 'concurrency-limit'];
const waits = (cell: Cell): boolean => cell.readings.some((r) => WAITING.includes(r));

/** Every reading alone, combinations, unique names, a message longer than discovery reads, and the API under a prefix. */
const matrix: Cell[] = [
  ...readingNames.map((r) => ({ readings: [r] })),
  { readings: ['page-only', 'clamp-page-size', 'offset-dates', 'uppercase-hex'] },
  { readings: ['twilio-links', 'clamp-echo-page-size', 'uppercase-hex', 'error-detail', 'live'] },
  { readings: ['twilio-links'], byName: true },
  { readings: ['page-only', 'uppercase-hex', 'clamp-page-size'], byName: true },
  { readings: ['page-only', 'clamp-page-size', 'live'], byName: true },
  { readings: ['twilio-links'], dataset: LONG },
  { readings: ['rate-limited-heavy', 'concurrency-limit', 'twilio-links', 'uppercase-hex'], fullOnly: true },
  { readings: ['concurrency-limit', 'rate-limited', 'page-only', 'error-detail'] },
  { readings: ['twilio-links'], basePath: '/twilio-api' },
  {
    readings: ['page-only', 'clamp-echo-page-size', 'uppercase-hex', 'offset-dates', 'live'],
    byName: true,
    basePath: '/edge/twilio-api',
  },
  { readings: ['twilio-links', 'uppercase-hex', 'error-detail', 'rate-limited', 'live'], fullOnly: true },
  { readings: ['page-only', 'no-retry-after', 'slow', 'offset-dates', 'live'], fullOnly: true },
  { readings: ['page-only', 'clamp-echo-page-size', 'offset-dates', 'live'], dataset: LONG, fullOnly: true },
  { readings: ['twilio-links', 'rate-limited', 'live'], dataset: LONG, fullOnly: true },
];

/** What a reading must make the suite say it saw (the notes are the report's record of the target's choices). */
const NOTED: Partial<Record<ReadingName, RegExp>> = {
  'twilio-links': /next_page_url carries a PageToken/,
  'page-only': /next_page_url carries no PageToken/,
  'clamp-page-size': /clamped/,
  // clamped, meta.page_size echoing the size asked for, and walked at that size
  'clamp-echo-page-size': /PageSize=(\d+) clamped: \d+ items, meta\.page_size \1\b[\s\S]*walk at PageSize \1: /,
  live: /[1-9]\d* of \d+ fetched receipts had a new status or date_updated since listed/,
  // the 429s were met, waited out and retried until served (not avoided by luck)
  'rate-limited': /answered 429 \(rate limited\)/,
  'rate-limited-heavy': /answered 429 \(rate limited\)/,
  'concurrency-limit': /answered 429 \(rate limited\)/,
  'no-retry-after': /without a usable Retry-After/,
};

/** Runs every probe of the contract suite in-process against the emulator playing a cell's readings. */
async function probeCell(cell: Cell): Promise<{ violations: string[]; notes: Annotation[] }> {
  const { readings, dataset, basePath } = cell;
  const emu = await create({ port: 0, host: '127.0.0.1', readings, dataset, basePath } satisfies EmulatorOptions);
  try {
    if (cell.byName && !(emu.conversationName && emu.defaultConversationName))
      throw new Error('the seed names no conversation');
    const byName = cell.byName
      ? { conversationSid: emu.conversationName, defaultConversationSid: emu.defaultConversationName }
      : {};
    const { authToken, otherAuthToken } = emu.target; // not enumerable: copied by name
    const target = freezeTarget({ ...emu.target, authToken, otherAuthToken, ...byName } as typeof emu.target);
    const notes: Annotation[] = [];
    // The client's own limits: the long message must fit its request budget (a spent budget is a violation).
    const found = await runProbes(target, {}, { notes, ...(waits(cell) && !FULL ? { generated: false } : {}) });
    return { violations: found.map((v) => `[${v.check}] ${v.pointer}: ${v.message} (${v.request ?? ''})`), notes };
  } finally {
    await emu.stop();
  }
}

/** A cell's test title. */
function titleOf(cell: Cell): string {
  const name = cell.byName ? ', conversations by unique name' : '';
  const data = cell.dataset ? `, a message of ${cell.dataset.receipts * 0.05} receipts` : '';
  const prefix = cell.basePath ? `, under ${cell.basePath}` : '';
  const part = waits(cell) && !FULL ? ' (fixed probes; npm run matrix adds the generated phase)' : '';
  return `${cell.readings.join(' + ')}${name}${data}${prefix}: zero violations${part}`;
}

test.describe('every reading a correct server may have passes the whole contract suite', () => {
  for (const cell of matrix.filter((c) => FULL || !c.fullOnly)) {
    test(titleOf(cell), async ({}, testInfo) => {
      if (waits(cell)) test.setTimeout(180_000); // a safety net for minutes of honest waiting, not a speed bar
      const { violations, notes } = await probeCell(cell);
      expect(violations, 'violations against a correct emulator (a false alarm)').toEqual([]);
      const said = notes.map((n) => `${n.type}: ${n.description}`).join('\n');
      for (const r of cell.readings) {
        const want = NOTED[r];
        if (want) expect(said, `the suite's notes should say it saw ${r}`).toMatch(want);
      }
      // The seed's messages are read whole; a longer one is read up to the setting, and the report says so.
      const stopped = /discovery: TARGET_MESSAGE_SID: stopped after \d+ receipts .*CONTRACT_MAX_RECEIPTS/;
      if (cell.dataset) expect(said).toMatch(stopped);
      else expect(said).toMatch(/discovery: TARGET_MESSAGE_SID: \d+ receipts in \d+ page\(s\) .*: the whole list/);
      testInfo.annotations.push(...notes);
    });
  }
});
