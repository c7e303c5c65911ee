import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { assess, checks, type CheckContext, type Exchange } from '../../spec/checks/index.js';
import {
  challenged,
  copies,
  ctxFor,
  error,
  example,
  exchange,
  fetched,
  listPath,
  page,
  sid,
  sidOf,
} from './exchanges.js';

/** One row per check: an exchange it accepts, one it rejects, the pointer it must name (good: false when it only judges failures). */
interface Row {
  good: [Exchange, CheckContext];
  bad: [Exchange, CheckContext];
  pointer: string;
  judgesGood?: false;
}

const receipt = ctxFor('receipt');
/** A first transition of the spec's lifecycle: [from, to]. */
const life = contract.receipts.lifecycle;
const step = ((from) => [from, life.next(from)[0]])(
  contract.receipts.statusValues.find((v) => life.next(v).length > 0)!,
);
const [earlier, later] = ['2024-05-02T12:00:00Z', '2024-05-02T12:05:00Z'];
/** Sets a receipt's status and date_updated (and no error, so that any state fits it). */
const moveTo = (r: Record<string, unknown>, status: unknown, date: string) =>
  Object.assign(r, { status, [life.date]: date, error_code: 0 });
/** The example receipt at a status and date, as a copy seen before. */
const at = (status: unknown, date: string) => moveTo(example('ServiceReceipt'), status, date);
const pageCtx = ctxFor('page');
const a = sid('a');
const walk = (expected: string[], complete = true) =>
  ctxFor('page', { walk: { expected, position: 0, visited: [], complete } });

const rows: Record<string, Row> = {
  response_complete: {
    good: [fetched(), receipt],
    bad: [{ ...fetched(), response: { status: 0, headers: {}, text: '', error: 'socket hang up' } }, receipt],
    pointer: '',
    judgesGood: false,
  },
  response_status: { good: [fetched(), receipt], bad: [error(404, fetched().request.path), receipt], pointer: '' },
  response_content_type: {
    good: [fetched(), receipt],
    bad: [{ ...fetched(), response: { ...fetched().response, headers: { 'content-type': 'text/plain' } } }, receipt],
    pointer: '',
  },
  response_json: {
    good: [fetched(), receipt],
    bad: [exchange(listPath(), 200, '{"delivery_receipts": ['), pageCtx],
    pointer: '',
  },
  receipt_schema: {
    good: [fetched(), receipt],
    bad: [
      fetched((r) => {
        r.status = 'seen';
      }),
      receipt,
    ],
    pointer: '/status',
  },
  receipt_dates_order: {
    good: [fetched(), receipt],
    bad: [
      fetched((r) => {
        r.date_updated = '2016-03-24T19:37:57Z';
      }),
      receipt,
    ],
    pointer: '/date_updated',
  },
  receipt_path_sids: {
    good: [fetched(), receipt],
    bad: [
      fetched((r) => {
        r.message_sid = sidOf('message_sid', 'b');
      }),
      receipt,
    ],
    pointer: '/message_sid',
  },
  receipt_account_sid: {
    good: [fetched(), receipt],
    bad: [fetched(), { ...receipt, accountSid: sidOf('account_sid', 'b') }],
    pointer: '/account_sid',
  },
  receipt_url: {
    good: [fetched(), receipt],
    bad: [
      fetched((r) => {
        r.url = String(r.url).replace('https://conversations.twilio.com', 'https://evil.example');
      }),
      receipt,
    ],
    pointer: '/url',
  },
  receipt_consistent: {
    // Listed at one state, fetched at a later one with a later date_updated: a live receipt moved forward.
    good: [fetched((r) => moveTo(r, step[1], later)), { ...receipt, known: copies(at(step[0], earlier)) }],
    bad: [fetched((r) => moveTo(r, step[0], later)), { ...receipt, known: copies(at(step[1], earlier)) }],
    pointer: '/status',
  },
  page_schema: {
    good: [page(), pageCtx],
    bad: [
      page(undefined, (p) => {
        p.meta.page = '0';
      }),
      pageCtx,
    ],
    pointer: '/meta/page',
  },
  meta_key: {
    good: [page(), pageCtx],
    bad: [
      page(undefined, (p) => {
        p.meta.key = 'receipts';
      }),
      pageCtx,
    ],
    pointer: '/meta/key',
  },
  meta_page: {
    good: [page(), pageCtx],
    bad: [
      page(undefined, (p) => {
        p.meta.page = 1;
      }),
      pageCtx,
    ],
    pointer: '/meta/page',
  },
  meta_page_size: {
    good: [page(), pageCtx],
    bad: [
      page(undefined, (p) => {
        p.meta.page_size = 20;
      }),
      pageCtx,
    ],
    pointer: '/meta/page_size',
  },
  meta_urls: {
    good: [page(), pageCtx],
    bad: [
      page(undefined, (p) => {
        p.meta.url = 'https://evil.example/v1/x';
      }),
      pageCtx,
    ],
    pointer: '/meta/url',
  },
  meta_previous_page_url: {
    good: [page(), pageCtx],
    bad: [
      page(undefined, (p) => {
        p.meta.previous_page_url = p.meta.url;
      }),
      pageCtx,
    ],
    pointer: '/meta/previous_page_url',
  },
  meta_next_page_url: {
    good: [page(), walk([a])],
    bad: [
      page(undefined, (p) => {
        p.meta.next_page_url = p.meta.url;
      }),
      walk([a]),
    ],
    pointer: '/meta/next_page_url',
  },
  page_sequence: {
    good: [page(), walk([a, sid('b')])],
    bad: [page(), walk([sid('b'), a])],
    pointer: '/delivery_receipts/0/sid',
  },
  page_link_target: {
    good: [page(), ctxFor('page', { reproduce: { link: 'meta.url', sids: [a] } })],
    bad: [page(), ctxFor('page', { reproduce: { link: 'meta.url', sids: [sid('b')] } })],
    pointer: '/delivery_receipts',
  },
  page_size_bounds: {
    good: [page(`PageSize=${contract.paging.pageSize.max + 1}`), ctxFor('page_size')],
    bad: [page('PageSize=0'), ctxFor('rejected')],
    pointer: '',
  },
  page_token_forged: {
    good: [error(400, listPath('PageSize=1&PageToken=forged')), ctxFor('page_token')],
    bad: [page('PageSize=1&PageToken=forged'), ctxFor('page_token')],
    pointer: '',
  },
  error_body: {
    good: [error(404), ctxFor('not_found')],
    bad: [
      error(404, undefined, (b) => {
        b.code = contract.errors.example(401).code;
      }),
      ctxFor('not_found'),
    ],
    pointer: '/code',
  },
  error_headers: {
    good: [challenged(), ctxFor('unauthorized')],
    bad: [error(401), ctxFor('unauthorized')],
    pointer: '',
  },
  response_no_receipts: {
    good: [error(404), ctxFor('hidden')],
    bad: [page(), ctxFor('hidden')],
    pointer: '/delivery_receipts',
  },
};

test.describe('spec/checks: each check accepts a good exchange and names the field of a broken one', () => {
  test('every registered check has a row in this table', () => {
    expect(Object.keys(rows).sort()).toEqual(checks.map((c) => c.name).sort());
  });

  for (const check of checks) {
    test(`${check.name}: accepts the good exchange, rejects the broken one at its pointer`, () => {
      const row = rows[check.name];
      const run = ([ex, ctx]: [Exchange, CheckContext]) => assess(ex, contract, ctx, [check]);
      expect(run(row.good).applied, `${check.name} should apply to the good exchange`).toEqual(
        row.judgesGood === false ? [] : [check.name],
      );
      expect(run(row.good).violations).toConform();
      const found = run(row.bad).violations;
      expect(found.length, `${check.name} should find the broken exchange`).toBeGreaterThan(0);
      expect(found.map((v) => [v.check, v.pointer])[0]).toEqual([check.name, row.pointer]);
    });
  }
});
