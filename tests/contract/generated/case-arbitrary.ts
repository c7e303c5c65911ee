import fc from 'fast-check';
import type { Contract, OperationName } from '../../../spec/contract.js';
import type { AuthMode } from '../../../spec/checks/index.js';
import { always, either, type Family, type GenCase, type Plan } from './gen-case.js';
import type { Known } from './known.js';
import { pathValue, swapExamples } from './path-cases.js';
import { boundarySizes, pageSizePlan, pageSizeValue } from './page-size-cases.js';
import { listQueryValues, queryShapeValue, type QueryValue } from './query-cases.js';
import { walkExample, walkValue } from './walk-cases.js';

/** Ranges of PageSize at most this wide are sent whole, before any drawn case. */
const EXHAUSTIVE = 64;
/** Credentials a request may carry besides the target's; the first three get 401, the malformed ones any 4xx. */
const WRONG: AuthMode[] = ['none', 'wrong-token', 'other-account'];
const MALFORMED: AuthMode[] = ['bearer', 'not-base64', 'no-colon', 'empty-token'];
const authPlan = (auth: AuthMode): Plan => always(WRONG.includes(auth) ? 'unauthorized' : 'rejected');

/** Builds the cases of one operation in one scope, around its canonical path (fetch: the first listed receipt). */
function caseMaker(contract: Contract, known: Known, op: OperationName) {
  const params = op === 'fetch' ? { ...known.params, Sid: known.receipts[0] } : known.params;
  const base = contract.paths.build(op, known.scope, params);
  const make = (family: Family, kind: string, path: string, plan: Plan, auth: AuthMode = 'valid'): GenCase => ({
    op,
    scope: known.scope,
    family,
    kind,
    path,
    auth,
    plan,
  });
  return {
    base,
    make,
    /** A case of the canonical path with a query. */
    query: (v: QueryValue): GenCase => make(v.family, v.kind, `${base}?${v.query}`, v.plan),
    /** A case of the canonical path with other credentials. */
    auth: (a: AuthMode): GenCase => make('auth', a, base, authPlan(a), a),
  };
}

/** Every generated request of one operation in one scope, as one arbitrary (fast-check shrinks within a family). */
export function caseArbitrary(contract: Contract, known: Known, op: OperationName): fc.Arbitrary<GenCase> {
  const m = caseMaker(contract, known, op);
  const families: fc.Arbitrary<GenCase>[] = [
    pathValue(contract, known, op).map((v) => m.make('path', v.kind, v.path, v.plan)),
    fc.constantFrom(...WRONG, ...MALFORMED).map(m.auth),
  ];
  if (op === 'fetch') return fc.oneof(...families, queryShapeValue(contract, 'fetch').map(m.query));
  const sizes = pageSizeValue(contract).map((v) =>
    m.make('page-size', v.kind, `${m.base}?PageSize=${encodeURIComponent(v.raw)}`, v.plan),
  );
  const walks = walkValue(contract, known).map(m.query);
  return fc.oneof(...families, sizes, walks, ...listQueryValues(contract, known).map((arb) => arb.map(m.query)));
}

/** Cases sent before any drawn one, so a small budget still covers every PageSize and one case of each corner. */
export function caseExamples(contract: Contract, known: Known, op: OperationName): GenCase[] {
  const m = caseMaker(contract, known, op);
  const auth = [...WRONG, ...MALFORMED].map(m.auth);
  const swaps = swapExamples(contract, known, op).map((v) => m.make('path', v.kind, v.path, v.plan));
  const ok =
    op === 'list' ? either('page', 'rejected', { pageSizes: [contract.paging.pageSize.default] }) : either('receipt');
  const unknown = m.query({ family: 'query-shape', kind: 'unknown', query: 'Foo=1', plan: ok });
  return op === 'list'
    ? [...listExamples(contract, known, m.query), m.query(walkExample(contract, known)), unknown, ...auth, ...swaps]
    : [...auth, unknown, ...swaps];
}

/** The list's examples: every PageSize of a small range and around it, a page past the end, a token on another size. */
function listExamples(contract: Contract, known: Known, query: (v: QueryValue) => GenCase): GenCase[] {
  const { min, max } = contract.paging.pageSize;
  const edges = boundarySizes(contract);
  // Every size in a small range (a fault may sit at any one of them); a wide range relies on the drawn ones.
  const inside = max - min < EXHAUSTIVE ? Array.from({ length: max - min + 1 }, (_, i) => min + i) : [];
  const sizes = [...new Set([...edges, ...inside])].map((n) =>
    query({
      family: 'page-size',
      kind: edges.includes(n) ? 'boundary' : 'inside',
      query: `PageSize=${n}`,
      plan: pageSizePlan(contract, String(n)),
    }),
  );
  const past = `PageSize=${min}&Page=${Math.ceil(known.receipts.length / min)}`;
  sizes.push(
    query({ family: 'page', kind: 'past-end', query: past, plan: either('page', 'rejected', { pageSizes: [min] }) }),
  );
  // An issued token at the size after its own (wrapping to the minimum at the maximum).
  for (const t of known.tokens.slice(0, 1)) {
    const token = `PageSize=${t.size < max ? t.size + 1 : min}&PageToken=${encodeURIComponent(t.token)}`;
    sizes.push(
      query({ family: 'page-token', kind: 'other-size', query: token, plan: either('page_size', 'rejected') }),
    );
  }
  return sizes;
}
