import { test as base, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { generate } from '../../emulator/synthetic.js';
import { indexCodec, Sids } from '../../emulator/sid.js';
import type { Emulator } from '../../emulator/server.js';
import { pathOf, send, targetList } from './emulator-http.js';
import { advertisedMessage, messageReceipts } from './emulator-queries.js';

/** The served synthetic data set's emulator, from the worker's factory (started on first use, stopped with the worker). */
const test = base.extend<{ emu: Emulator }>({
  emu: async ({ emulatorWith }, use) => use(await emulatorWith({ dataset: { receipts: 40_000, seed: 9 } })),
});

test.describe('synthetic data set (--receipts N --seed S)', () => {
  test('is reproducible from its seed number, and another seed gives other SIDs', () => {
    const [a, b, c] = [generate(5_000, 3), generate(5_000, 3), generate(5_000, 4)];
    expect(b.receipts.sids.sid(4_321)).toBe(a.receipts.sids.sid(4_321));
    expect(Array.from(b.receipts.status)).toEqual(Array.from(a.receipts.status));
    expect(c.receipts.sids.sid(4_321)).not.toBe(a.receipts.sids.sid(4_321));
  });

  test('has the requested size, several accounts and services, hot messages, and every status value', () => {
    const s = generate(100_000, 1);
    expect(s.receipts.count).toBe(100_000);
    expect(s.accounts.length).toBeGreaterThanOrEqual(2);
    expect(s.services.filter((x) => !x.isDefault).length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...s.messages.size)).toBeGreaterThanOrEqual(5_000);
    expect(new Set(s.receipts.status).size).toBe(contract.receipts.statusValues.length);
  });

  const codec = indexCodec('abcd', Sids.digits('sid'), 1000);
  const lookups: [string, string, number][] = [
    ['its own digits', codec.hex(999), 999],
    ['index 0', codec.hex(0), 0],
    ['an index beyond the set', codec.hex(999).replace(/3e7$/, '3e8'), -1],
    ['upper-case digits', codec.hex(999).toUpperCase(), -1],
    ['another tag', 'abce' + codec.hex(5).slice(4), -1],
    ['a short value', codec.hex(5).slice(1), -1],
    ['a sign', 'abcd' + '-'.padStart(Sids.digits('sid') - 4, '0'), -1],
  ];
  for (const [name, hex, index] of lookups)
    test(`finds a SID by index in O(1): ${name}`, () => expect(codec.index(hex)).toBe(index));
});

test.describe('synthetic data set served', () => {
  test('walking the hot message page by page gives its receipts in order', async ({ emu }) => {
    const want = messageReceipts(emu, advertisedMessage(emu));
    expect(want.length).toBeGreaterThanOrEqual(2_000);
    const got: string[] = [];
    let path: string | null = targetList(emu.target, `PageSize=${contract.paging.pageSize.max}`);
    while (path) {
      const page = (await send(emu, path)).json as {
        delivery_receipts: { sid: string }[];
        meta: { next_page_url: string | null };
      };
      got.push(...page.delivery_receipts.map((r) => r.sid));
      path = page.meta.next_page_url && pathOf(page.meta.next_page_url);
    }
    expect(got).toEqual(want);
  });

  test('a deep page by Page holds the same receipts as the walk reached there, and validates', async ({ emu }) => {
    const want = messageReceipts(emu, advertisedMessage(emu));
    const size = 7,
      page = Math.floor((want.length - 1) / size);
    const a = await send(emu, targetList(emu.target, `PageSize=${size}&Page=${page}`));
    expect(contract.validate('ServiceReceiptPage', a.json)).toEqual([]);
    expect((a.json as { delivery_receipts: { sid: string }[] }).delivery_receipts.map((r) => r.sid)).toEqual(
      want.slice(page * size),
    );
  });
});
