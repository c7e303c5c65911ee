import fc from 'fast-check';
import type { Contract, OperationName } from '../../../spec/contract.js';
import { either, type Family, type Plan } from './gen-case.js';
import type { IssuedToken, Known } from './known.js';

/** A drawn query string (without `?`): its class of input and how the answer is judged. */
export interface QueryValue {
  family: Family;
  kind: string;
  query: string;
  plan: Plan;
}

const enc = encodeURIComponent;

/** `Page` values with a PageSize: within the list, past its last page, out of the schema (negative, not a number). */
export function pageValue(contract: Contract, count: number): fc.Arbitrary<QueryValue> {
  const { min, max } = contract.paging.pageSize;
  const size = fc.integer({ min, max });
  const at = (kind: string, page: fc.Arbitrary<string>, plan: (n: number) => Plan) =>
    fc
      .tuple(size, page)
      .map(([n, p]): QueryValue => ({ family: 'page', kind, query: `PageSize=${n}&Page=${enc(p)}`, plan: plan(n) }));
  const last = (n: number) => Math.max(Math.ceil(count / n) - 1, 0);
  // Page is "simply for client state": past the end, or outside its schema, a server may answer a page or refuse.
  const lenient = (n: number) => either('page', 'rejected', { pageSizes: [n] });
  return fc.oneof(
    size.chain((n) =>
      fc.integer({ min: 0, max: last(n) }).map((p): QueryValue => ({
        family: 'page',
        kind: 'inside',
        query: `PageSize=${n}&Page=${p}`,
        plan: lenient(n),
      })),
    ),
    size.chain((n) =>
      fc.integer({ min: last(n) + 1, max: last(n) + 1000 }).map((p): QueryValue => ({
        family: 'page',
        kind: 'past-end',
        query: `PageSize=${n}&Page=${p}`,
        plan: lenient(n),
      })),
    ),
    at('negative', fc.integer({ min: -1000, max: -1 }).map(String), lenient),
    at('non-numeric', fc.constantFrom('abc', '1.5', '', '1e2', '99999999999999999999'), lenient),
  );
}

/** The target's own tokens on other sizes and lists, made-up and truncated ones. */
export function tokenValue(contract: Contract, own: IssuedToken[], foreign: IssuedToken[]): fc.Arbitrary<QueryValue> {
  const { min, max } = contract.paging.pageSize;
  const q = (kind: string, size: number, token: string, plan: Plan): QueryValue => ({
    family: 'page-token',
    kind,
    query: `PageSize=${size}&PageToken=${enc(token)}`,
    plan,
  });
  // A token sent without the Page its link had, on another size or list, names no page index a check could hold the
  // answer to (meta.page, previous link): a page of this list's receipts (receipt_path_sids), or a 4xx.
  const unaligned = either('page_size', 'rejected');
  const arbs: fc.Arbitrary<QueryValue>[] = [
    // A token no server issued must get a 4xx (page_token_forged), whatever the size.
    fc
      .tuple(fc.integer({ min, max }), fc.string({ minLength: 1, maxLength: 40 }))
      .map(([n, t]) => q('made-up', n, t, either('page_token', 'page_token'))),
  ];
  if (own.length > 0) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...own), fc.integer({ min, max }))
        .map(([t, n]) => q(n === t.size ? 'own' : 'other-size', n, t.token, unaligned)),
    );
    arbs.push(
      fc
        .constantFrom(...own)
        .chain((t) =>
          fc
            .integer({ min: 1, max: t.token.length - 1 })
            .map((cut) =>
              q('truncated', t.size, t.token.slice(0, cut), either('page', 'page_token', { pageSizes: [t.size] })),
            ),
        ),
    );
  }
  // Another list's token: refused, or a page of this list (receipt_path_sids catches a page of the token's list).
  if (foreign.length > 0)
    arbs.push(fc.constantFrom(...foreign).map((t) => q('other-list', t.size, t.token, unaligned)));
  return fc.oneof(...arbs);
}

const MISSPELT = ['pagesize', 'PAGESIZE', 'pageSize', 'Page_Size', 'page_size'];
const UNKNOWN = ['Foo', 'x', 'Status', 'Order', 'limit', 'PageNumber'];

/** Unknown, misspelt, repeated and empty parameters, alone and combined; on fetch only unknown ones (`SID?x=1`). */
export function queryShapeValue(contract: Contract, op: OperationName): fc.Arbitrary<QueryValue> {
  const { min, max } = contract.paging.pageSize;
  const dflt = contract.paging.pageSize.default;
  const size = fc.integer({ min, max });
  const ok = op === 'list' ? 'page' : 'receipt';
  const v = (kind: string, query: string, sizes?: number[]): QueryValue => ({
    family: 'query-shape',
    kind,
    query,
    plan: either(ok, 'rejected', op === 'list' ? { pageSizes: sizes ?? [dflt] } : {}),
  });
  const unknown = fc
    .tuple(fc.constantFrom(...UNKNOWN), fc.constantFrom('1', 'true', '', 'x'.repeat(200)))
    .map(([k, val]) => `${k}=${enc(val)}`);
  if (op === 'fetch') return unknown.map((qs) => v('unknown', qs));
  return fc.oneof(
    unknown.map((qs) => v('unknown', qs)),
    // A misspelt PageSize is ignored (the default) or, by a case-blind server, read as the size.
    fc.tuple(fc.constantFrom(...MISSPELT), size).map(([k, n]) => v('misspelt', `${k}=${n}`, [dflt, n])),
    fc.tuple(size, size).map(([a, b]) => v('repeated', `PageSize=${a}&PageSize=${b}`, [a, b])),
    fc.constantFrom('&&', '=', 'Foo=', '&').map((qs) => v('empty', qs)),
    size.map((n) => v('empty', `&PageSize=${n}&&`, [n])),
    fc
      .tuple(unknown, size, fc.constantFrom(...MISSPELT))
      .map(([u, n, m]) => v('combined', `${u}&PageSize=${n}&Page=0&${m}=${n}`, [n])),
  );
}

/** Query values of a scope's list: Page, PageToken and query shapes. */
export function listQueryValues(contract: Contract, known: Known): fc.Arbitrary<QueryValue>[] {
  return [
    pageValue(contract, known.receipts.length),
    tokenValue(contract, known.tokens, known.foreign?.tokens ?? []),
    queryShapeValue(contract, 'list'),
  ];
}
