import { test, expect } from '../../fixtures/test.js';
import { contract, type SidField } from '../../spec/contract.js';
import { TOKEN_PREFIX } from '../../emulator/paging.js';
import { Sids } from '../../emulator/sid.js';
import { DEFAULT_READINGS, readingNames, readings } from '../../emulator/readings.js';
import { create, type Emulator, type ReadingName } from '../../emulator/server.js';
import { listAll, pathOf, send, targetList } from './emulator-http.js';

interface Page {
  delivery_receipts: Record<string, unknown>[];
  meta: Record<string, unknown>;
}
const LINKS = ['first_page_url', 'previous_page_url', 'url', 'next_page_url'];

/** Runs a test body against a fresh emulator playing some readings, and stops it. */
async function withEmu(names: ReadingName[] | undefined, body: (e: Emulator) => Promise<void>): Promise<void> {
  const emu = await create({ port: 0, ...(names ? { readings: names } : {}) });
  try {
    await body(emu);
  } finally {
    await emu.stop();
  }
}

/** Walks next_page_url from page 0 at a PageSize; the pages in order. */
async function walk(e: Emulator, size: number): Promise<Page[]> {
  const pages: Page[] = [];
  let path: string | null = targetList(e.target, `PageSize=${size}`);
  while (path && pages.length < 100) {
    const a = await send(e, path);
    expect(a.status, a.text).toBe(200);
    pages.push(a.json as Page);
    const next = pages.at(-1)?.meta.next_page_url;
    path = typeof next === 'string' ? pathOf(next) : null;
  }
  return pages;
}

/** The query of a link, or null. */
const query = (link: unknown): URLSearchParams | null => (typeof link === 'string' ? new URL(link).searchParams : null);
/** The list URL of the target at the emulator's public origin with a query. */
const listUrl = (e: Emulator, q: string): string => e.publicUrl + targetList(e.target, q);

test.describe('emulator readings: the catalogue', () => {
  test('names each reading once, with what it does and where it comes from', () => {
    expect(new Set(readingNames).size).toBe(readings.length);
    for (const r of readings) expect(r.does.length * r.source.length, r.name).toBeGreaterThan(0);
  });

  test('plays the default reading when none is named, and refuses unknown or clashing names with the valid list', async () => {
    await withEmu(undefined, async (e) => expect(e.readings).toEqual(DEFAULT_READINGS));
    await expect(create({ port: 0, readings: ['nope' as ReadingName] })).rejects.toThrow(readingNames.join(', '));
    await expect(create({ port: 0, readings: ['page-only', 'twilio-links'] })).rejects.toThrow(/cannot be combined/);
  });
});

test.describe('emulator readings: link spellings', () => {
  test('twilio-links (the default): page 0 links without a token but its next, every later link with a PT token', async () => {
    await withEmu(undefined, async (e) => {
      const pages = await walk(e, 2);
      expect(pages).toHaveLength(Math.ceil(e.store.messages.size[e.store.target.message] / 2));
      const [first, second, last] = [pages[0].meta, pages[1].meta, pages.at(-1)?.meta ?? {}];
      const zero = listUrl(e, 'PageSize=2&Page=0');
      expect([first.first_page_url, first.url, first.previous_page_url]).toEqual([zero, zero, null]);
      expect(query(first.next_page_url)?.get('PageToken')).toMatch(new RegExp(`^${TOKEN_PREFIX}`));
      for (const m of [second, last]) {
        expect(m.first_page_url).toBe(listUrl(e, 'PageSize=2&Page=0'));
        for (const k of ['url', 'previous_page_url'])
          expect(query(m[k])?.get('PageToken'), k).toMatch(new RegExp(`^${TOKEN_PREFIX}`));
      }
      expect(query(second.previous_page_url)?.get('Page')).toBe('0');
      expect(query(second.next_page_url)?.get('PageToken')).toMatch(new RegExp(`^${TOKEN_PREFIX}`));
      expect(last.next_page_url).toBeNull();
    });
  });

  test('twilio-links: the tokened link back to page 0 answers page 0, with previous_page_url null', async () => {
    await withEmu(undefined, async (e) => {
      const [first, second] = await walk(e, 2);
      const back = (await send(e, pathOf(String(second.meta.previous_page_url)))).json as Page;
      expect(back.meta.page).toBe(0);
      expect(back.meta.previous_page_url).toBeNull();
      expect(back.meta.url).toBe(first.meta.url);
      expect(back.delivery_receipts).toEqual(first.delivery_receipts);
    });
  });

  test('page-only: no link carries a token, and Page alone walks every receipt in order', async () => {
    await withEmu(['page-only'], async (e) => {
      const pages = await walk(e, 2);
      for (const p of pages)
        for (const k of LINKS) if (p.meta[k] !== null) expect(query(p.meta[k])?.has('PageToken'), k).toBe(false);
      expect(pages[1].meta.url).toBe(listUrl(e, 'PageSize=2&Page=1'));
      const whole = await listAll(e, targetList(e.target, `PageSize=${contract.paging.pageSize.max}`));
      expect(pages.flatMap((p) => p.delivery_receipts)).toEqual(whole);
    });
  });

  test('with readings but no link reading: links to page 0 carry no token, links past it do', async () => {
    await withEmu(['offset-dates'], async (e) => {
      const [, second] = await walk(e, 2);
      expect(second.meta.previous_page_url).toBe(listUrl(e, 'PageSize=2&Page=0'));
      expect(query(second.meta.next_page_url)?.get('PageToken')).toMatch(new RegExp(`^${TOKEN_PREFIX}`));
    });
  });
});

test.describe('emulator readings: page size, dates and SIDs', () => {
  const { min, max } = contract.paging.pageSize;
  test('clamp-page-size: PageSize above the maximum serves the maximum; below the minimum or not a number is still 400', async () => {
    await withEmu(['clamp-page-size'], async (e) => {
      const a = await send(e, targetList(e.target, `PageSize=${max + 1}`));
      expect(a.status, a.text).toBe(200);
      expect((a.json as Page).meta.page_size).toBe(max);
      expect((a.json as Page).delivery_receipts.length).toBeLessThanOrEqual(max);
      expect((a.json as Page).meta.first_page_url).toBe(listUrl(e, `PageSize=${max}&Page=0`));
      for (const q of [`PageSize=${min - 1}`, 'PageSize=abc'])
        expect((await send(e, targetList(e.target, q))).status, q).toBe(400);
    });
  });

  test('clamp-echo-page-size: PageSize above the maximum serves the maximum items, meta.page_size and links echo it', async () => {
    for (const links of [[], ['twilio-links'], ['page-only']] as ReadingName[][]) {
      await withEmu(['clamp-echo-page-size', ...links], async (e) => {
        const pages = await walk(e, max + 1);
        const count = e.store.messages.size[e.store.target.message];
        expect(count, 'the target message spans more than two pages').toBeGreaterThan(2 * max);
        expect(pages.map((p) => p.delivery_receipts.length)).toEqual(
          Array.from({ length: Math.ceil(count / max) }, (_, i) => Math.min(max, count - i * max)),
        );
        for (const [i, p] of pages.entries()) {
          expect([p.meta.page, p.meta.page_size], String(links)).toEqual([i, max + 1]);
          for (const k of LINKS)
            if (p.meta[k] !== null) expect(query(p.meta[k])?.get('PageSize'), k).toBe(`${max + 1}`);
        }
        const whole = await listAll(e, targetList(e.target, `PageSize=${max}`));
        expect(
          pages.flatMap((p) => p.delivery_receipts),
          'every receipt once, in order',
        ).toEqual(whole);
        expect((await send(e, targetList(e.target, `PageSize=${max}`))).json).toMatchObject({
          meta: { page_size: max },
        });
        for (const q of [`PageSize=${min - 1}`, 'PageSize=abc'])
          expect((await send(e, targetList(e.target, q))).status, q).toBe(400);
      });
    }
  });

  test('offset-dates: every date-time ends in +00:00 and is the same instant the default writes with Z', async () => {
    await withEmu(['offset-dates'], async (e) =>
      withEmu(undefined, async (d) => {
        const [offset, zulu] = [await send(e, targetList(e.target)), await send(d, targetList(d.target))];
        const dates = (a: typeof offset) =>
          (a.json as Page).delivery_receipts.flatMap((r) => [r.date_created, r.date_updated]).filter((x) => x !== null);
        expect(dates(offset).every((x) => String(x).endsWith('+00:00'))).toBe(true);
        expect(dates(zulu).every((x) => String(x).endsWith('Z'))).toBe(true);
        expect(dates(offset).map((x) => Date.parse(String(x)))).toEqual(dates(zulu).map((x) => Date.parse(String(x))));
      }),
    );
  });

  test('uppercase-hex: every SID field, url and link has upper-case hex; the credentials and paths with them work', async () => {
    await withEmu(['uppercase-hex'], async (e) => {
      const fields: SidField[] = [...contract.sids.fields, 'channel_message_sid'];
      const hex = (sid: string): string => sid.slice(-Sids.digits('sid'));
      const upper = (sid: string): boolean => hex(sid) === hex(sid).toUpperCase() && /[A-F]/.test(hex(sid));
      expect(
        [e.target.accountSid, e.target.serviceSid, e.target.conversationSid, e.target.messageSid].every(upper),
      ).toBe(true);
      const a = await send(e, targetList(e.target, 'PageSize=2&Page=1'));
      expect(a.status, a.text).toBe(200);
      const page = a.json as Page;
      expect(contract.validate('ServiceReceiptPage', page)).toEqual([]);
      for (const r of page.delivery_receipts) {
        for (const f of fields) if (r[f] !== null) expect(upper(String(r[f])), `${f} ${String(r[f])}`).toBe(true);
        expect(r.url).toBe(contract.paths.receiptUrl(e.publicUrl, r, 'service'));
        expect((await send(e, pathOf(String(r.url)))).json).toEqual(r);
      }
      for (const k of LINKS) if (page.meta[k] !== null) expect(String(page.meta[k])).toContain(targetList(e.target));
      expect(
        (await send(e, targetList(e.target).replace(e.target.messageSid, e.target.messageSid.toLowerCase()))).status,
      ).toBe(404);
    });
  });
});
