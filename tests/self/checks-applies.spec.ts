import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { assess, checks, type CheckContext, type Exchange, type Expectation } from '../../spec/checks/index.js';
import { appliesTo } from '../../spec/checks/check.js';
import { parseExchange } from '../../spec/checks/judged.js';
import { ctxFor, exampleListPath, exchange, fetched } from './exchanges.js';

/** Every expectation a probe can give (`satisfies` makes the compiler name one missing here). */
const expectations = Object.keys({
  receipt: 0,
  page: 0,
  unauthorized: 0,
  not_found: 0,
  rejected: 0,
  hidden: 0,
  page_size: 0,
  page_token: 0,
  other_tenant: 0,
  throttled: 0,
} satisfies Record<Expectation, 0>) as Expectation[];

/** Each subset of the context a check may need (walk, known, reproduce): 8 contexts per expectation. */
const needs: Partial<CheckContext>[] = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => ({
  ...(bits & 1 ? { walk: { expected: [], position: 0, visited: [], complete: true } } : {}),
  ...(bits & 2 ? { known: new Map() } : {}),
  ...(bits & 4 ? { reproduce: { link: exampleListPath(), sids: [] } } : {}),
}));

/** Paths of every kind: a fetch, a list with none, each and all of the query parameters checks ask for, no route. */
const queries = checks.flatMap((c) => (c.applies.query ? [`${c.applies.query}=1`] : []));
const paths = [
  fetched().request.path,
  exampleListPath(),
  ...queries.map((q) => exampleListPath(q)),
  exampleListPath(queries.join('&')),
  '/v1/not-a-route',
];

/** Answers of every kind to a path: 200, a redirect, 404, 429, and no answer (an error, with and without a status). */
function answers(path: string): Exchange[] {
  const ok = exchange(path, 200, fetched().response.json);
  const none = (status: number): Exchange => ({
    request: ok.request,
    response: { status, headers: {}, text: '', error: 'socket hang up' },
  });
  return [ok, exchange(path, 302, ''), exchange(path, 404, {}), exchange(path, 429, {}), none(0), none(200)];
}

test.describe('spec/checks: the checks judged are found once per kind of exchange', () => {
  test('assess() runs exactly the checks appliesTo() names, for every kind of exchange and context', () => {
    const differ: string[] = [];
    let compared = 0;
    // twice over, so that each kind is looked up again after its first exchange (the query differs within a kind)
    for (const round of [1, 2])
      for (const expect of expectations)
        for (const extra of needs)
          for (const path of paths)
            for (const ex of answers(path)) {
              const ctx = ctxFor(expect, extra);
              const parsed = parseExchange(ex, contract);
              const named = checks.filter((c) => appliesTo(c.applies, parsed, ctx)).map((c) => c.name);
              const applied = assess(ex, contract, ctx).applied;
              compared++;
              if (applied.join() !== named.join())
                differ.push(`round ${round} ${expect} ${Object.keys(extra).join('+')} ${ex.response.status} ${path}`);
            }
    expect(differ).toEqual([]);
    expect(compared).toBe(2 * expectations.length * needs.length * paths.length * 6);
  });
});
