import { expect, test } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { contract } from '../../spec/contract.js';
import { freezeTarget } from '../../client/settings.js';
import { runProbes } from '../contract/run-probes.js';
import { MIN_RECEIPTS } from '../contract/probes/reference.js';
import { WALK_PAGES, walkSize } from '../contract/probes/walk-sizes.js';
import { messages } from './emulator-queries.js';

const { min, max } = contract.paging.pageSize;

test.describe('the fixed walks and their bounds fail no correct server, whatever the length of its message', () => {
  test('the seed holds messages of the fewest receipts the suite needs, under one page, two full pages and more', async ({
    emulator,
  }) => {
    const sizes = new Set(messages(emulator).map((m) => m.receipts));
    for (const n of [MIN_RECEIPTS, 2 * max, 2 * max + 1]) expect([...sizes].some((s) => s >= n)).toBe(true);
    expect(sizes.has(2 * max), 'a message of exactly two maximum pages').toBe(true);
  });

  test('every message of the advertised service, as TARGET_MESSAGE_SID: zero violations', async () => {
    const emu = await create({ port: 0 });
    try {
      const own = messages(emu).filter((m) => m.serviceSid === emu.target.serviceSid && m.receipts >= MIN_RECEIPTS);
      expect(own.map((m) => m.receipts).sort((a, b) => a - b)).toContain(2 * max);
      for (const m of own) {
        const where = { conversationSid: m.conversationSid, messageSid: m.sid };
        const target = freezeTarget({ ...emu.target, authToken: emu.target.authToken, ...where });
        const found = await runProbes(target, {}, { generated: false });
        await expect(found, `a message of ${m.receipts} receipts`).toConform();
      }
    } finally {
      await emu.stop();
    }
  });

  test('the walk sizes: the smallest two, an odd one past the second maximum page, one below the maximum', () => {
    for (const count of [MIN_RECEIPTS, 12, 2 * max, 137, 2_000]) {
      const odd = walkSize('odd', contract, count);
      expect([walkSize('min', contract, count), walkSize('small', contract, count)]).toEqual([min, min + 1]);
      expect(odd % 2, `odd size for ${count}`).toBe(1);
      expect(
        [max % odd, count % odd].every((r) => r !== 0),
        `${odd} divides neither ${max} nor ${count}`,
      ).toBe(true);
      expect(odd * WALK_PAGES, 'a bounded walk at the odd size reaches past the second maximum page').toBeGreaterThan(
        2 * max,
      );
      const below = walkSize('below-max', contract, count);
      expect(below < max && count % below !== 0, `${below} for ${count}`).toBe(true);
    }
  });
});
