import fc from 'fast-check';
import type { Api } from '../../../client/api.js';
import type { Contract } from '../../../spec/contract.js';
import type { Violation } from '../../../spec/violation.js';
import type { Coverage } from './coverage.js';
import { inputClass, type GenCase } from './gen-case.js';
import { runCase, type CaseResult } from './run-case.js';

/** One distinct cause: a check, a pointer and a class of input, with the smallest case fast-check shrank it to. */
export interface Finding {
  key: string;
  case: GenCase;
  violation: Violation;
  status: number;
  body: string;
}

/** What the explorations of one run share: the causes found so far (by key) and the coverage. */
export interface FoundSoFar {
  found: Map<string, Finding>;
  coverage: Coverage;
}

/** Rounds of fc.check at most: each finds one new cause (or ends the search), so this bounds a badly broken target. */
const MAX_ROUNDS = 12;

/** The dedup key: same check, same pointer (item indexes folded), same input class (whatever operation or scope). */
export function causeKey(v: Violation, c: GenCase): string {
  return `${v.check} ${v.pointer.replace(/\/\d+(?=\/|$)/g, '/*')} ${inputClass(c)}`;
}

/**
 * Sends cases drawn from `arb` (after `examples`) until `budget` requests are spent; returns how many it sent.
 * A property fails only on a cause not seen before, so each fc.check round shrinks one new cause to its smallest
 * request; the next round looks for more.
 */
export async function explore(
  api: Api,
  contract: Contract,
  arb: fc.Arbitrary<GenCase>,
  examples: GenCase[],
  budget: number,
  seed: number,
  seen: FoundSoFar,
): Promise<number> {
  const { found, coverage } = seen;
  let sent = 0;
  for (let round = 0; round < MAX_ROUNDS && sent < budget; round++) {
    let last: { c: GenCase; result: CaseResult; fresh: Violation[] } | null = null;
    const property = fc.asyncProperty(arb, async (c) => {
      if (sent >= budget) return true; // the budget is spent: shrinking stops at the last failure
      const result = await runCase(api, contract, c, budget - sent);
      sent += result.statuses.length;
      for (const status of result.statuses) coverage.add(c, status);
      const fresh = result.violations.filter((v) => !found.has(causeKey(v, c)));
      if (fresh.length > 0) last = { c, result, fresh };
      return fresh.length === 0;
    });
    const out = await fc.check(property, {
      seed: seed + round,
      numRuns: Math.max(budget - sent, 1),
      examples: round === 0 ? examples.map((e) => [e]) : [],
    });
    const failure = last as { c: GenCase; result: CaseResult; fresh: Violation[] } | null;
    if (!out.failed || !failure) break;
    for (const v of failure.fresh) {
      const key = causeKey(v, failure.c);
      const { status, text } = failure.result.exchange.response;
      if (!found.has(key)) found.set(key, { key, case: failure.c, violation: v, status, body: text });
    }
  }
  return sent;
}
