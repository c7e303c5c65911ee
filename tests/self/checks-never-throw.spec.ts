import fc from 'fast-check';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { judgeExchange, type Expectation } from '../../spec/checks/index.js';
import { copies, ctxFor, exchange, fetched, exampleListPath, sid } from './exchanges.js';

const kinds: Expectation[] = [
  'receipt',
  'page',
  'unauthorized',
  'not_found',
  'rejected',
  'hidden',
  'page_size',
  'page_token',
];

/** Any JSON, with the receipt's and the page's field names mixed in so that the checks reach deep. */
const names = [
  'delivery_receipts',
  'meta',
  'sid',
  'url',
  'status',
  'date_created',
  'date_updated',
  'account_sid',
  'next_page_url',
  'previous_page_url',
  'page_size',
  'key',
  'code',
];
const body = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...names), tie('value'), { maxKeys: 5 }),
  ),
})).value;

test.describe('spec/checks never throw, whatever a target answers', () => {
  test('judge returns violations (never an exception) for any status, body, path and expectation', () => {
    const paths = [
      exampleListPath(),
      exampleListPath('PageSize=abc&PageToken=x'),
      fetched().request.path,
      '/v1/elsewhere',
      exampleListPath('', 'default'),
    ];
    fc.assert(
      fc.property(
        body,
        fc.constantFrom(...kinds),
        fc.constantFrom(...paths),
        fc.constantFrom(200, 302, 400, 401, 404, 429, 500),
        (json, kind, path, status) => {
          const walk = { expected: [sid('a'), sid('b')], position: 1, visited: [path], complete: true };
          const found = judgeExchange(
            exchange(path, status, json),
            contract,
            ctxFor(kind, {
              walk,
              known: copies({ sid: sid('a'), status: null }),
              reproduce: { link: 'meta.url', sids: [] },
            }),
          );
          expect(Array.isArray(found)).toBe(true);
        },
      ),
      { seed: 20261126, numRuns: 500 },
    );
  });
});
