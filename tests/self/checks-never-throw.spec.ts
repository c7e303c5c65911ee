import fc from 'fast-check';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { checks, type CheckContext, type Exchange, type Expectation } from '../../spec/checks/index.js';
import { appliesTo } from '../../spec/checks/check.js';
import { parseExchange } from '../../spec/checks/judged.js';
import { copies, ctxFor, example, exchange, fetched, exampleListPath, sid } from './exchanges.js';

const kinds: Expectation[] = [
  'receipt',
  'page',
  'unauthorized',
  'not_found',
  'rejected',
  'hidden',
  'page_size',
  'page_token',
  'other_tenant',
  'throttled',
];

/**
 * Runs every check that applies to an exchange directly, not through judgeExchange (which turns a throw into a
 * violation, so that a run goes on): a check that throws fails the property here. Returns the checks that ran.
 */
function runEveryCheck(ex: Exchange, ctx: CheckContext): string[] {
  const parsed = parseExchange(ex, contract);
  const ran: string[] = [];
  for (const check of checks.filter((c) => appliesTo(c.applies, parsed, ctx))) {
    const found = check.run(parsed, contract, ctx);
    expect(Array.isArray(found), check.name).toBe(true);
    ran.push(check.name);
  }
  return ran;
}

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

type Json = Record<string, unknown>;

/** Every place in a JSON value (its members and items, nested), as key paths: where a mutation may land. */
function places(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v as Json);
  return entries.flatMap(([k, x]) => [[...at, k], ...places(x, [...at, k])]);
}

/** A documented answer with one to three places replaced by any JSON or removed: deep inputs only a valid shape reaches. */
function mutant(name: string) {
  const base = example(name);
  const at = places(base);
  const change = fc.tuple(fc.constantFrom(...at), fc.option(fc.jsonValue(), { nil: undefined }));
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    const out = structuredClone(base);
    for (const [path, value] of changes) {
      const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Json | null)?.[k as string], out) as Json;
      if (parent === null || typeof parent !== 'object') continue;
      if (value === undefined) delete parent[path.at(-1) as string];
      else parent[path.at(-1) as string] = value;
    }
    return out;
  });
}

const paths = [
  exampleListPath(),
  exampleListPath('PageSize=abc&PageToken=x'),
  fetched().request.path,
  '/v1/elsewhere',
  exampleListPath('', 'default'),
];
/** One answer to judge: anything at all, or a documented page or receipt mutated where its probe expects one. */
const answers = fc.oneof(
  fc.record({
    json: body,
    kind: fc.constantFrom(...kinds),
    path: fc.constantFrom(...paths),
    status: fc.constantFrom(0, 200, 302, 400, 401, 404, 429, 500),
  }),
  fc.record({
    json: mutant('ServiceReceiptPage'),
    kind: fc.constant<Expectation>('page'),
    path: fc.constant(exampleListPath('PageSize=50')),
    status: fc.constant(200),
  }),
  fc.record({
    json: mutant('ServiceReceipt'),
    kind: fc.constant<Expectation>('receipt'),
    path: fc.constant(fetched().request.path),
    status: fc.constant(200),
  }),
);

test.describe('spec/checks never throw, whatever a target answers', () => {
  test('no check throws for any status, body, headers, path and expectation, a failed answer too', () => {
    const ran = new Set<string>();
    fc.assert(
      fc.property(
        answers,
        fc.dictionary(fc.constantFrom('content-type', 'www-authenticate', 'retry-after'), fc.string()),
        ({ json, kind, path, status }, headers) => {
          const walk = { expected: [sid('a'), sid('b')], position: 1, visited: [path], complete: true, maxPages: 2 };
          const ex = exchange(path, status, json, { 'content-type': 'application/json', ...headers });
          const answer = status === 0 ? { ...ex, response: { ...ex.response, error: 'socket hang up' } } : ex;
          const ctx = ctxFor(kind, {
            walk,
            known: copies({ sid: sid('a'), status: null }),
            reproduce: { link: 'meta.url', sids: [] },
            page: 1,
            pageSize: 1,
          });
          for (const name of runEveryCheck(answer, ctx)) ran.add(name);
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
    // the inputs reach every check: a check none of them applies to would be proven nothing here
    expect([...ran].sort()).toEqual(checks.map((c) => c.name).sort());
  });
});
