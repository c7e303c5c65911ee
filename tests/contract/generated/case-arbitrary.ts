import fc from 'fast-check';
import type { Contract, OperationName } from '../../../spec/contract.js';
import type { AuthMode } from '../../../spec/checks/index.js';
import { always, either, type GenCase } from './gen-case.js';
import type { Known } from './known.js';
import { pathValue, swapExamples } from './path-cases.js';
import { boundarySizes, pageSizePlan, pageSizeValue } from './page-size-cases.js';
import { listQueryValues, queryShapeValue, type QueryValue } from './query-cases.js';

/** Ranges of PageSize at most this wide are sent whole, before any drawn case. */
const EXHAUSTIVE = 64;
/** Credentials a request may carry besides the target's; the first three get 401, the malformed ones any 4xx. */
const WRONG: AuthMode[] = ['none', 'wrong-token', 'other-account'];
const MALFORMED: AuthMode[] = ['bearer', 'not-base64', 'no-colon', 'empty-token'];

/** The canonical path of the operation for the scope's message (fetch: its first receipt). */
function canonical(contract: Contract, known: Known, op: OperationName): string {
  return contract.buildPath(
    op,
    known.scope,
    op === 'fetch' ? { ...known.params, Sid: known.receipts[0] } : known.params,
  );
}

/** Every generated request of one operation in one scope, as one arbitrary (fast-check shrinks within a family). */
export function caseArbitrary(contract: Contract, known: Known, op: OperationName): fc.Arbitrary<GenCase> {
  const { scope } = known;
  const base = canonical(contract, known, op);
  const withQuery = (v: QueryValue): GenCase => ({
    op,
    scope,
    family: v.family,
    kind: v.kind,
    path: `${base}?${v.query}`,
    auth: 'valid',
    plan: v.plan,
  });
  const families: fc.Arbitrary<GenCase>[] = [
    pathValue(contract, known, op).map((v): GenCase => ({
      op,
      scope,
      family: 'path',
      kind: v.kind,
      path: v.path,
      auth: 'valid',
      plan: v.plan,
    })),
    fc
      .constantFrom(...WRONG, ...MALFORMED)
      .map((auth): GenCase => ({
        op,
        scope,
        family: 'auth',
        kind: auth,
        path: base,
        auth,
        plan: always(WRONG.includes(auth) ? 'unauthorized' : 'rejected'),
      })),
  ];
  if (op === 'list') {
    families.push(
      pageSizeValue(contract).map((v): GenCase => ({
        op,
        scope,
        family: 'page-size',
        kind: v.kind,
        path: `${base}?PageSize=${encodeURIComponent(v.raw)}`,
        auth: 'valid',
        plan: v.plan,
      })),
    );
    families.push(...listQueryValues(contract, known).map((arb) => arb.map(withQuery)));
  } else {
    families.push(queryShapeValue(contract, 'fetch').map(withQuery));
  }
  return fc.oneof(...families);
}

/** Cases sent before any drawn one, so a small budget still covers every PageSize and one case of each corner. */
export function caseExamples(contract: Contract, known: Known, op: OperationName): GenCase[] {
  const { scope } = known;
  const base = canonical(contract, known, op);
  const auth = [...WRONG, ...MALFORMED].map((a): GenCase => ({
    op,
    scope,
    family: 'auth',
    kind: a,
    path: base,
    auth: a,
    plan: always(WRONG.includes(a) ? 'unauthorized' : 'rejected'),
  }));
  const at = (family: GenCase['family'], kind: string, query: string, plan: GenCase['plan']): GenCase => ({
    op,
    scope,
    family,
    kind,
    path: `${base}?${query}`,
    auth: 'valid',
    plan,
  });
  const unknown = at(
    'query-shape',
    'unknown',
    'Foo=1',
    either(
      op === 'list' ? 'page' : 'receipt',
      'rejected',
      op === 'list' ? { pageSizes: [contract.pageSize.default] } : {},
    ),
  );
  const swaps = swapExamples(contract, known, op).map((v): GenCase => ({
    op,
    scope,
    family: 'path',
    kind: v.kind,
    path: v.path,
    auth: 'valid',
    plan: v.plan,
  }));
  if (op !== 'list') return [...auth, unknown, ...swaps];
  const { min, max } = contract.pageSize;
  // Every size in a small range (a fault may sit at any one of them); a wide range relies on the drawn ones.
  const inside = max - min < EXHAUSTIVE ? Array.from({ length: max - min + 1 }, (_, i) => min + i) : [];
  const sizes = [...new Set([...boundarySizes(contract), ...inside])];
  const bySize = sizes.map((n) =>
    at(
      'page-size',
      boundarySizes(contract).includes(n) ? 'boundary' : 'inside',
      `PageSize=${n}`,
      pageSizePlan(contract, String(n)),
    ),
  );
  const past = Math.ceil(known.receipts.length / min);
  const corners = [
    at('page', 'past-end', `PageSize=${min}&Page=${past}`, either('page', 'rejected', { pageSizes: [min] })),
  ];
  // An issued token at the size after its own (wrapping to the minimum at the maximum).
  for (const t of known.tokens.slice(0, 1)) {
    const n = t.size < max ? t.size + 1 : min;
    corners.push(
      at(
        'page-token',
        'other-size',
        `PageSize=${n}&PageToken=${encodeURIComponent(t.token)}`,
        either('page_size', 'rejected'),
      ),
    );
  }
  return [...bySize, ...corners, unknown, ...auth, ...swaps];
}
