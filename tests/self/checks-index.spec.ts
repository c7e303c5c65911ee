import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { assess, checks, type CheckContext, type Exchange } from '../../spec/checks/index.js';
import { formatViolation } from '../../spec/violation.js';
import {
  challenged,
  copies,
  ctxFor,
  error,
  example,
  exchange,
  fetched,
  exampleListPath,
  page,
  sid,
  sidOf,
} from './exchanges.js';

/** One row per check: an exchange it accepts, one it rejects, the pointer it must name. */
interface Row {
  good: [Exchange, CheckContext];
  bad: [Exchange, CheckContext];
  pointer: string;
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

/** A page that links on to a page never visited, and a walk over a prefix that allows 3 pages (no verdict on its end). */
const onward = page(undefined, (p) => void (p.meta.next_page_url = `${String(p.meta.url)}&PageToken=PTonward`));
const partWalk = { expected: [a], position: 0, complete: false, maxPages: 3 };

const { max } = contract.paging.pageSize;
/** PageSize one above the maximum, answered 200 (clamped) with meta.page_size set, and the items repeated `count` times. */
const clamped = (size: unknown, count = 1) =>
  page(`PageSize=${max + 1}`, (p) => {
    p.meta.page_size = size;
    p.delivery_receipts = Array.from({ length: count }, () => p.delivery_receipts[0]);
  });

const rows: Record<string, Row> = {
  response_complete: {
    good: [fetched(), receipt],
    bad: [{ ...fetched(), response: { status: 0, headers: {}, text: '', error: 'socket hang up' } }, receipt],
    pointer: '',
  },
  response_status: { good: [fetched(), receipt], bad: [error(404, fetched().request.path), receipt], pointer: '' },
  response_content_type: {
    good: [fetched(), receipt],
    bad: [{ ...fetched(), response: { ...fetched().response, headers: { 'content-type': 'text/plain' } } }, receipt],
    pointer: '',
  },
  response_json: {
    good: [fetched(), receipt],
    bad: [exchange(exampleListPath(), 200, '{"delivery_receipts": ['), pageCtx],
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
    good: [error(400, exampleListPath('PageSize=1&PageToken=forged')), ctxFor('page_token')],
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

const GATEWAY = 'https://conversations.twilio.com/twilio-api';
/** An exchange whose every link is written under a gateway's prefix (as a deployment behind one writes them). */
function underGateway(ex: Exchange): Exchange {
  const text = ex.response.text.split('https://conversations.twilio.com/v1/').join(`${GATEWAY}/v1/`);
  return exchange(ex.request.path, ex.response.status, text);
}
const gateway = (expect: Parameters<typeof ctxFor>[0], extra: Partial<CheckContext> = {}) =>
  ctxFor(expect, { publicUrl: GATEWAY, ...extra });
/** A 429 as a gateway writes it: an HTML page. */
const htmlPage = exchange(exampleListPath(), 429, '<html><body>429 Too Many Requests</body></html>', {
  'content-type': 'text/html',
  'retry-after': '0',
});
/** An exchange whose final answer came after a 429 the client retried. */
const after429 = (ex: Exchange, throttled: Exchange): Exchange => ({ ...ex, throttled: [throttled.response] });

/** Rules checks gained with gateways, tenants and rate limits: a good and a broken exchange each, the exact pointer. */
const more: {
  title: string;
  check: string;
  good: [Exchange, CheckContext];
  bad: [Exchange, CheckContext];
  pointer: string;
  /** Further pointers the broken exchange breaks the same rule at, in report order. */
  also?: string[];
}[] = [
  {
    title: 'page_size_bounds clamped: meta.page_size may echo the size asked for; one neither in force nor asked fails',
    check: 'page_size_bounds',
    good: [clamped(max + 1, max), ctxFor('page_size')],
    bad: [clamped(max + 2), ctxFor('page_size')],
    pointer: '/meta/page_size',
  },
  {
    title: 'page_size_bounds clamped: the size in force is reported, and the page holds at most the maximum items',
    check: 'page_size_bounds',
    good: [clamped(max, max), ctxFor('page_size')],
    bad: [clamped(max + 1, max + 1), ctxFor('page_size')],
    pointer: `/${contract.paging.listKey}`,
  },
  {
    title: 'receipt_url under a base path: the url must carry the prefix',
    check: 'receipt_url',
    good: [underGateway(fetched()), gateway('receipt')],
    bad: [fetched(), gateway('receipt')],
    pointer: '/url',
  },
  {
    title: 'meta_urls under a base path: every link must carry the prefix',
    check: 'meta_urls',
    good: [underGateway(page()), gateway('page')],
    bad: [page(), gateway('page')],
    pointer: '/meta/first_page_url',
    also: ['/meta/url'],
  },
  {
    title: 'meta_next_page_url under a base path: a prefixed link back to this page is a loop',
    check: 'meta_next_page_url',
    good: [underGateway(page()), gateway('page', { walk: walk([a]).walk })],
    bad: [
      underGateway(page(undefined, (p) => void (p.meta.next_page_url = p.meta.url))),
      gateway('page', { walk: walk([a]).walk }),
    ],
    pointer: '/meta/next_page_url',
  },
  {
    title: 'meta_next_page_url: a next link from the last page a walk may need is a loop of ever new links',
    check: 'meta_next_page_url',
    good: [onward, ctxFor('page', { walk: { ...partWalk, visited: ['/p1'] } })],
    bad: [onward, ctxFor('page', { walk: { ...partWalk, visited: ['/p1', '/p2'] } })],
    pointer: '/meta/next_page_url',
  },
  {
    title: "response_no_receipts for another account's credentials: a 403 or an empty page, never a receipt",
    check: 'response_no_receipts',
    good: [error(404), ctxFor('other_tenant')],
    bad: [fetched(), ctxFor('other_tenant')],
    pointer: '',
  },
  {
    title: "response_status for another account's credentials: 401, 403, 404 or 200, never a 5xx",
    check: 'response_status',
    good: [exchange(exampleListPath(), 403, { ...contract.errors.example(404), status: 403 }), ctxFor('other_tenant')],
    bad: [exchange(exampleListPath(), 500, { ...contract.errors.example(404), status: 500 }), ctxFor('other_tenant')],
    pointer: '',
  },
  {
    title: 'error_headers on 429: Retry-After is optional, and when sent it is delay-seconds or an HTTP-date',
    check: 'error_headers',
    good: [error(429), ctxFor('throttled')],
    pointer: '',
    bad: [
      exchange(exampleListPath(), 429, contract.errors.example(429), {
        'content-type': 'application/json',
        'retry-after': 'in a minute',
      }),
      ctxFor('throttled'),
    ],
  },
  {
    title: 'error_headers on 429: an HTTP-date Retry-After (RFC 9110) is well formed, a date in another format is not',
    check: 'error_headers',
    good: [
      exchange(exampleListPath(), 429, contract.errors.example(429), {
        'content-type': 'application/json',
        'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT',
      }),
      ctxFor('throttled'),
    ],
    bad: [
      exchange(exampleListPath(), 429, contract.errors.example(429), {
        'content-type': 'application/json',
        'retry-after': '2026-10-21T07:28:00Z',
      }),
      ctxFor('throttled'),
    ],
    pointer: '',
  },
  {
    title: 'response_content_type on a 429 the client retried: a gateway HTML page is named',
    check: 'response_content_type',
    good: [after429(page(), error(429)), pageCtx],
    bad: [after429(page(), htmlPage), pageCtx],
    pointer: '',
  },
  {
    title: "error_body on a 429 the client retried: its code must be the spec's 429 code",
    check: 'error_body',
    good: [after429(page(), error(429)), pageCtx],
    bad: [
      after429(
        page(),
        error(429, exampleListPath(), (b) => void (b.code = contract.errors.example(404).code)),
      ),
      pageCtx,
    ],
    pointer: '/code',
  },
];

test.describe('spec/checks: each check accepts a good exchange and names the field of a broken one', () => {
  test('every registered check has a row in this table', () => {
    expect(Object.keys(rows).sort()).toEqual(checks.map((c) => c.name).sort());
  });

  for (const check of checks) {
    test(`${check.name}: accepts the good exchange, rejects the broken one at its pointer`, async () => {
      const row = rows[check.name];
      const run = ([ex, ctx]: [Exchange, CheckContext]) => assess(ex, contract, ctx, [check]);
      expect(run(row.good).applied, `${check.name} should apply to the good exchange`).toEqual([check.name]);
      await expect(run(row.good).violations).toConform();
      const found = run(row.bad).violations;
      // the broken exchange breaks one rule once: exactly one violation, of this check, at its pointer
      expect(found.map((v) => [v.check, v.pointer])).toEqual([[check.name, row.pointer]]);
    });
  }

  for (const row of more) {
    test(`${row.title}`, async () => {
      const check = checks.find((c) => c.name === row.check)!;
      const run = ([ex, ctx]: [Exchange, CheckContext]) => assess(ex, contract, ctx, [check]);
      expect(run(row.good).applied, `${row.check} should apply to the good exchange`).toEqual([row.check]);
      await expect(run(row.good).violations).toConform();
      const found = run(row.bad).violations;
      const pointers = [row.pointer, ...(row.also ?? [])];
      expect(found.map((v) => [v.check, v.pointer])).toEqual(pointers.map((p) => [row.check, p]));
    });
  }

  test('page_size_bounds names both clamp readings, what came back and the request', () => {
    const found = assess(clamped(2 * max), contract, ctxFor('page_size')).violations;
    expect(found.map(formatViolation)).toEqual([
      `[page_size_bounds] /meta/page_size: PageSize=${max + 1} clamped: meta.page_size must be the size in force ` +
        `(${contract.paging.pageSize.min}..${max}) or echo the size asked for (${max + 1}), received ${2 * max} ` +
        `(GET ${clamped(max).request.path})`,
    ]);
  });

  test('a 429 the client retried is judged with the final answer, its findings marked as such and named once', () => {
    const ex: Exchange = { ...page(), throttled: [htmlPage.response, htmlPage.response] };
    const { applied, violations } = assess(ex, contract, pageCtx);
    expect(applied).toEqual(expect.arrayContaining(['response_content_type', 'response_json', 'error_body']));
    expect(violations.map((v) => v.check)).toEqual(['response_content_type', 'response_json']);
    for (const v of violations) expect(v.message).toMatch(/^a 429 before the final answer: /);
    expect(violations[0].request).toBe(`GET ${page().request.path}`);
  });
});
