import { expect, test } from '../../fixtures/test.js';
import { create, type EmulatorOptions } from '../../emulator/server.js';
import { readingNames, type ReadingName } from '../../emulator/readings.js';
import { freezeTarget } from '../../target/settings.js';
import { runProbes } from '../contract/run-probes.js';
import type { Annotation } from '../contract/probes/session.js';

/** One cell of the matrix: readings the emulator plays, and whether conversations are addressed by unique name. */
interface Cell {
  readings: ReadingName[];
  byName?: boolean;
}

/** Every reading alone, a few combinations, and the conversation addressed by unique name. */
const matrix: Cell[] = [
  ...readingNames.map((r) => ({ readings: [r] })),
  { readings: ['page-only', 'clamp-page-size', 'offset-dates', 'uppercase-hex'] },
  { readings: ['twilio-links', 'uppercase-hex', 'error-detail', 'rate-limited'] },
  { readings: ['page-only', 'no-retry-after', 'slow', 'offset-dates'] },
  { readings: ['twilio-links'], byName: true },
  { readings: ['page-only', 'uppercase-hex', 'clamp-page-size'], byName: true },
];

/** What a reading must make the suite say it saw (the notes are the report's record of the target's choices). */
const NOTED: Partial<Record<ReadingName, RegExp>> = {
  'twilio-links': /next_page_url carries a PageToken/,
  'page-only': /next_page_url carries no PageToken/,
  'clamp-page-size': /clamped/,
};

/** Runs every probe of the contract suite in-process against the emulator playing a cell's readings. */
async function probeCell(cell: Cell): Promise<{ violations: string[]; notes: Annotation[] }> {
  const emu = await create({ port: 0, host: '127.0.0.1', readings: cell.readings } satisfies EmulatorOptions);
  try {
    if (cell.byName && !(emu.conversationName && emu.defaultConversationName))
      throw new Error('the seed names no conversation');
    const byName = cell.byName
      ? { conversationSid: emu.conversationName, defaultConversationSid: emu.defaultConversationName }
      : {};
    const target = freezeTarget({ ...emu.target, authToken: emu.target.authToken, ...byName } as typeof emu.target);
    const notes: Annotation[] = [];
    const found = await runProbes(target, {}, { notes });
    return { violations: found.map((v) => `[${v.check}] ${v.pointer}: ${v.message} (${v.request ?? ''})`), notes };
  } finally {
    await emu.stop();
  }
}

test.describe('every reading a correct server may have passes the whole contract suite', () => {
  for (const cell of matrix) {
    const title = `${cell.readings.join(' + ')}${cell.byName ? ', conversations by unique name' : ''}: zero violations`;
    test(title, async ({}, testInfo) => {
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
