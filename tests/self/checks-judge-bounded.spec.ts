// Hostile JSON (100 000 deep, 20 000 wide, megabytes long) against show(), jsonEqual(), judgeExchange() and a Session:
// never a throw or a stack overflow, always a bounded output; a valid answer with a deep extra field still passes.
import fc from 'fast-check';
import { expect, test } from '../../fixtures/test.js';
import { Api } from '../../client/api.js';
import { freezeTarget } from '../../client/settings.js';
import { checks, judgeExchange, MAX_PER_EXCHANGE, type Exchange } from '../../spec/checks/index.js';
import { contract } from '../../spec/contract.js';
import { jsonEqual } from '../../spec/json-bounded.js';
import { formatViolation, show } from '../../spec/violation.js';
import { basicAuth } from '../../client/basic-auth.js';
import { secretForms } from '../../client/redact.js';
import { MAX_VIOLATIONS, Session } from '../contract/probes/session.js';
import { copies, ctxFor, example, fetched, page, sidOf } from './exchanges.js';

type Json = Record<string, unknown>;
const DEEP = 100_000;

/** An array nested n deep, built without recursion. */
function nested(n: number, leaf: unknown = 0): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

type Page = Json & { meta: Json; delivery_receipts: Json[] };

/** The example page (or receipt) with its parsed body changed in place: a deep value never goes through JSON.stringify. */
function changed<T extends Json>(ex: Exchange, change: (body: T) => void): Exchange {
  change(ex.response.json as T);
  return ex;
}

test.describe('show() and jsonEqual() on hostile values', () => {
  const values: [string, unknown][] = [
    ['a value nested 100 000 deep', nested(DEEP)],
    ['a string of 2 MB', 'x'.repeat(2_000_000)],
    ['an object of 200 000 keys', Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))],
    ['an array of 1 000 000 items', new Array(1_000_000).fill(1)],
  ];
  for (const [name, value] of values) {
    test(`show() renders ${name} in at most 121 characters, without throwing`, () => {
      expect(show(value).length).toBeLessThanOrEqual(121);
    });
  }

  test('show() gives a string as JSON.stringify does, cut at 120 characters: quotes, controls, lone surrogates', () => {
    const unit = fc.oneof(
      fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud800', '\udc00', 'é'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (units) => {
        const s = units.join('');
        const json = JSON.stringify(s.slice(0, 121));
        return show(s) === (json.length > 120 ? json.slice(0, 120) + '…' : json);
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  test('jsonEqual() compares 100 000-deep values without recursion, by value and not by key order', () => {
    expect(jsonEqual(nested(DEEP), nested(DEEP))).toBe(true);
    expect(jsonEqual(nested(DEEP, 1), nested(DEEP, 2))).toBe(false);
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });
});

test.describe('judgeExchange() on hostile answers: a verdict, never a crash', () => {
  test('a valid fetch and page with an extra field nested 100 000 deep pass (extra fields are allowed)', () => {
    const one = changed(fetched(), (r) => {
      r.extra = nested(DEEP);
    });
    const known = { ...(fetched().response.json as Json), extra: nested(DEEP) }; // equal, not the same object
    expect(judgeExchange(one, contract, ctxFor('receipt', { known: copies(known) }))).toEqual([]);
    const list = changed<Page>(page(), (p) => {
      p.extra = nested(DEEP);
      p.meta.extra = nested(DEEP);
      for (const r of p.delivery_receipts) r.extra = nested(DEEP);
    });
    expect(judgeExchange(list, contract, ctxFor('page'))).toEqual([]);
  });

  test('a body whose meta is nested 100 000 deep fails page_schema with a bounded message', () => {
    const found = judgeExchange(
      changed<Page>(page(), (p) => {
        p.meta = nested(DEEP) as Json;
      }),
      contract,
      ctxFor('page'),
    );
    expect(found.map((v) => v.check)).toContain('page_schema');
    for (const v of found) expect(formatViolation(v).length).toBeLessThan(1000);
  });

  test('a page of 20 000 tiny items fails meta_page_size (more items than page_size), with bounded violations', () => {
    const max = contract.paging.pageSize.max;
    const found = judgeExchange(
      page(`PageSize=${max}&Page=0`, (p) => {
        p.delivery_receipts = Array.from({ length: 20_000 }, () => ({ sid: 'x' }));
      }),
      contract,
      ctxFor('page'),
    );
    expect(found.map(formatViolation)).toContain(
      `[meta_page_size] /${contract.paging.listKey}: expected at most ${max} items, received 20000 (GET ${page().request.path})`,
    );
    expect(found.length).toBeLessThanOrEqual(MAX_PER_EXCHANGE + checks.length);
    expect(found.some((v) => /… and \d+ more receipt_schema violation/.test(v.message))).toBe(true);
  });

  test('any deep, wide or huge value anywhere in an answer yields a bounded list of short violations (fast-check)', () => {
    const where = [
      'extra',
      'meta',
      'meta.page_size',
      'meta.next_page_url',
      'items',
      'item',
      'item.sid',
      'item.url',
      'body',
    ] as const;
    const shape = fc.record({
      depth: fc.integer({ min: 0, max: DEEP }),
      width: fc.integer({ min: 0, max: 20_000 }),
      chars: fc.integer({ min: 0, max: 1_000_000 }),
      at: fc.constantFrom(...where),
      fetch: fc.boolean(),
    });
    fc.assert(
      fc.property(shape, ({ depth, width, chars, at, fetch }) => {
        const value = nested(depth, width ? new Array(width).fill('x'.repeat(Math.min(chars, 20))) : 'y'.repeat(chars));
        const ex = fetch ? fetched() : page();
        const body = ex.response.json as Json & { meta: Json; delivery_receipts?: Json[] };
        const item = fetch ? body : (body.delivery_receipts as Json[])[0];
        const json = at === 'body' ? value : body;
        if (at === 'extra') body.extra = value;
        else if (at === 'meta' || at === 'items') body[at === 'meta' ? 'meta' : contract.paging.listKey] = value;
        else if (at.startsWith('meta.') && body.meta) body.meta[at.slice(5)] = value;
        else if (at.startsWith('item')) item[at === 'item' ? 'status' : at.slice(5)] = value;
        const found = judgeExchange(
          { ...ex, response: { ...ex.response, json } },
          contract,
          ctxFor(fetch ? 'receipt' : 'page'),
        );
        expect(found.length).toBeLessThanOrEqual(MAX_PER_EXCHANGE + checks.length);
        for (const v of found) expect(formatViolation(v).length).toBeLessThan(2000);
      }),
      { seed: 20261201, numRuns: 60 },
    );
  });
});

test.describe('a Session keeps bounded, redacted evidence', () => {
  const token = 'feedfacefeedfacefeedfacefeedface';
  const target = freezeTarget({
    url: 'http://127.0.0.1:9',
    publicUrl: 'http://127.0.0.1:9',
    accountSid: example('ServiceReceipt').account_sid as string,
    authToken: token,
    serviceSid: sidOf('chat_service_sid', 'b'),
    conversationSid: sidOf('conversation_sid', 'c'),
    messageSid: sidOf('message_sid', 'd'),
  });
  const forms = secretForms(target);

  /** A Session whose api answers every GET with the given exchange (nothing is sent). */
  function sessionAnswering(ex: Exchange): { session: Session; close(): void } {
    const api = new Api(target, sidOf('account_sid', 'e'));
    api.get = (path) => Promise.resolve({ ...ex, request: { ...ex.request, path } });
    return { session: new Session(api, contract), close: () => api.close() };
  }

  test('credentials echoed into receipt fields, links, request paths and bodies never reach the result', async () => {
    const header = basicAuth(target.accountSid, token);
    const echoed = page('PageSize=50&Page=0', (p) => {
      p.delivery_receipts.forEach((r, i) => {
        r.participant_sid = forms[i % forms.length];
        r.status = token;
        r.channel_message_sid = header;
      });
      p.meta.url = `${String(p.meta.url)}&auth=${encodeURIComponent(header)}`;
    });
    const { session, close } = sessionAnswering(echoed);
    try {
      await session.probe(`${echoed.request.path}&token=${token}&auth=${encodeURIComponent(header)}`, 'page');
      session.note(`note ${token}`, `seen ${header}`);
      const text = JSON.stringify(session.result());
      // the three echoed fields are each a violation quoting a credential: the texts redaction must clean
      const schema = session.violations.filter((v) => v.check === 'receipt_schema').map((v) => v.pointer);
      expect(schema).toEqual(
        ['channel_message_sid', 'participant_sid', 'status'].map((f) => `/delivery_receipts/0/${f}`),
      );
      expect(forms.filter((f) => text.includes(f)).map((f) => f.length)).toEqual([]);
    } finally {
      close();
    }
  });

  test('a walk of hostile pages keeps at most MAX_VIOLATIONS violations and says how many more', async () => {
    const wide = page('PageSize=50&Page=0', (p) => {
      p.delivery_receipts = Array.from({ length: 20_000 }, () => ({ sid: 'x' }));
    });
    const { session, close } = sessionAnswering(wide);
    try {
      for (let i = 0; i < 30; i++) await session.probe(`${wide.request.path}&i=${i}`, 'page');
      expect(session.violations.length).toBe(MAX_VIOLATIONS + 1);
      expect(session.violations[MAX_VIOLATIONS].message).toMatch(/^… and \d+ more violation\(s\) not listed/);
    } finally {
      close();
    }
  });
});
