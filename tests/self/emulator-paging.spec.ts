import { test as base, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { pathOf, send, targetList, twilioErrorProblem } from './emulator-http.js';
import { advertisedMessage, messageAt } from './emulator-queries.js';

interface Page {
  delivery_receipts: { sid: string }[];
  meta: Record<string, unknown>;
}
/** This block's emulator, from the worker's factory (one server per set of options, stopped with the worker). */
const test = base.extend<{ emu: Emulator }>({
  emu: async ({ emulatorWith }, use) => use(await emulatorWith({ publicUrl: 'https://receipts.example.test' })),
});

/** Walks next_page_url from the first page at a PageSize; returns the SIDs in order and the pages' meta. */
async function walk(emu: Emulator, size: number): Promise<{ sids: string[]; metas: Record<string, unknown>[] }> {
  const sids: string[] = [],
    metas: Record<string, unknown>[] = [];
  let path: string | null = targetList(emu.target, `PageSize=${size}`);
  while (path && metas.length < 1000) {
    const a = await send(emu, path);
    expect(a.status, a.text).toBe(200);
    const page = a.json as Page;
    sids.push(...page.delivery_receipts.map((r) => r.sid));
    metas.push(page.meta);
    path = page.meta.next_page_url === null ? null : pathOf(String(page.meta.next_page_url));
  }
  return { sids, metas };
}

test.describe('emulator paging (PageSize, Page, PageToken)', () => {
  const max = contract.paging.pageSize.max;
  for (const size of [1, 2, 3, 5, 7]) {
    test(`walking at PageSize ${size} gives the same receipts in the same order as one page of ${max}`, async ({
      emu,
    }) => {
      const whole = await walk(emu, max);
      // the advertised message of the seed: every receipt of the store, over more than two maximum pages
      expect(whole.sids).toHaveLength(emu.store.messages.size[emu.store.target.message]);
      expect(whole.metas).toHaveLength(Math.ceil(whole.sids.length / max));
      expect(whole.metas.length, 'the advertised message spans more than two maximum pages').toBe(3);
      const paged = await walk(emu, size);
      expect(paged.sids).toEqual(whole.sids);
      expect(paged.metas.length).toBe(Math.ceil(whole.sids.length / size));
      expect(paged.metas[0].previous_page_url).toBeNull();
      expect(paged.metas.at(-1)?.next_page_url).toBeNull();
      paged.metas.forEach((m, i) => {
        expect(m.page).toBe(i);
        expect(m.page_size).toBe(size);
        expect(m.key).toBe(contract.paging.listKey);
        expect(String(m.first_page_url)).toBe(`${emu.publicUrl}${targetList(emu.target, `PageSize=${size}&Page=0`)}`);
        for (const k of ['url', 'first_page_url', 'previous_page_url', 'next_page_url'])
          if (m[k] !== null) expect(String(m[k])).toMatch(/^https:\/\/receipts\.example\.test\//);
      });
    });
  }

  test('previous_page_url leads back to the page before', async ({ emu }) => {
    const { metas } = await walk(emu, 2);
    const back = await send(emu, pathOf(String(metas[2].previous_page_url)));
    const again = await send(emu, pathOf(String(metas[1].url)));
    expect((back.json as Page).delivery_receipts).toEqual((again.json as Page).delivery_receipts);
  });

  test('the default PageSize is the spec default, and Page alone selects a page', async ({ emu }) => {
    const a = await send(emu, targetList(emu.target));
    expect((a.json as Page).meta.page_size).toBe(contract.paging.pageSize.default);
    const p1 = await send(emu, targetList(emu.target, 'PageSize=2&Page=1'));
    const walked = await walk(emu, 2);
    expect((p1.json as Page).delivery_receipts.map((r) => r.sid)).toEqual(walked.sids.slice(2, 4));
  });

  test('a page beyond the last is an empty page, not an error', async ({ emu }) => {
    const a = await send(emu, targetList(emu.target, 'PageSize=5&Page=1000000'));
    expect(a.status).toBe(200);
    expect((a.json as Page).delivery_receipts).toEqual([]);
    expect((a.json as Page).meta.next_page_url).toBeNull();
  });

  const bad: [string, string][] = [
    ['PageSize 0', `PageSize=${contract.paging.pageSize.min - 1}`],
    ['PageSize above max', `PageSize=${max + 1}`],
    ['negative PageSize', 'PageSize=-1'],
    ['non-numeric PageSize', 'PageSize=abc'],
    ['fractional PageSize', 'PageSize=1.5'],
    ['empty PageSize', 'PageSize='],
    ['huge PageSize', 'PageSize=99999999999999999999'],
    ['negative Page', 'Page=-1'],
    ['non-numeric Page', 'Page=x'],
    ['huge Page', 'Page=99999999999999999999'],
    ['forged PageToken', 'PageToken=PTforged'],
    ['repeated PageSize', 'PageSize=1&PageSize=2'],
    ['bad percent-encoding', 'PageSize=%zz'],
  ];
  for (const [name, query] of bad) {
    test(`answers ${name} with a Twilio-shaped 400`, async ({ emu }) => {
      const a = await send(emu, targetList(emu.target, query));
      expect(a.status, a.text).toBe(400);
      expect(twilioErrorProblem(a)).toBe('');
    });
  }

  test('refuses a tampered PageToken, and a token issued for another message', async ({ emu }) => {
    const next = String(((await send(emu, targetList(emu.target, 'PageSize=2'))).json as Page).meta.next_page_url);
    const token = new URL(next).searchParams.get('PageToken') ?? '';
    const flipped = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    expect((await send(emu, targetList(emu.target, `PageSize=2&PageToken=${flipped}`))).status).toBe(400);
    const other = messageAt(emu, advertisedMessage(emu) + 1);
    const otherPath = contract.paths.build('list', 'service', {
      ChatServiceSid: emu.target.serviceSid,
      ConversationSid: emu.target.conversationSid,
      MessageSid: other.sid,
    });
    expect((await send(emu, `${otherPath}?PageSize=2&PageToken=${token}`)).status).toBe(400);
  });
});
