import fc from 'fast-check';
import type { Api } from '../../../client/api.js';
import type { Contract } from '../../../spec/contract.js';
import type { Violation } from '../../../spec/violation.js';
import type { Coverage } from './coverage.js';
import { caseKey, inputClass, type GenCase } from './gen-case.js';
import { runCase, type CaseResult } from './run-case.js';

/** One distinct cause: a check, a pointer and a class of input, with the smallest case fast-check shrank it to. */
export interface Finding {
  key: string;
  case: GenCase;
  violation: Violation;
  status: number;
  body: string;
}

/** What the explorations of one run share: the causes found so far (by key), the coverage, the cases answered clean. */
export interface FoundSoFar {
  found: Map<string, Finding>;
  coverage: Coverage;
  /** Cases (caseKey) sent and served in full with no violation: drawn again, they are not sent again. */
  clean: Set<string>;
}

/** Rounds of fc.check that find a cause at most: each finds one new cause, so this bounds a badly broken target. */
const MAX_ROUNDS = 12;
/** Rounds that may skip repeated cases, at most: the next round sends whatever it draws, to spend the budget. */
const DRAW_ROUNDS = 8;
/**
 * A round that sends fewer new cases than this share of its draws has nearly exhausted what its generators can draw:
 * from then on a repeated case is sent again, to spend the budget (a rare wrong answer is as likely on a repeat).
 */
const NEW_CASE_SHARE = 0.05;
/** Draws a round may make past its budget while it skips repeats: enough to tell a nearly exhausted space. */
const EXTRA_DRAWS = 64;

/** The dedup key: same check, same pointer (item indexes folded), same input class (whatever operation or scope). */
export function causeKey(v: Violation, c: GenCase): string {
  return `${v.check} ${v.pointer.replace(/\/\d+(?=\/|$)/g, '/*')} ${inputClass(c)}`;
}

/**
 * Sends cases drawn from `arb` (after `examples`) until `budget` requests are spent; returns how many it sent.
 * A property fails only on a cause not seen before, so each fc.check round shrinks one new cause to its smallest
 * request; the next round looks for more. A case drawn again after a clean answer is not sent again (nor counted):
 * the budget buys distinct requests, until the generators run out of new ones.
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
  const { found, coverage, clean } = seen;
  let sent = 0;
  let preferNew = true;
  let causeRounds = 0;
  let drawRounds = 0;
  // Ends: a round without a cause either spends the budget or skipped repeats (at most DRAW_ROUNDS such rounds).
  for (let round = 0; causeRounds < MAX_ROUNDS && sent < budget && round <= MAX_ROUNDS + DRAW_ROUNDS; round++) {
    let last: { c: GenCase; result: CaseResult; fresh: Violation[] } | null = null;
    let draws = 0;
    const sentBefore = sent;
    const property = fc.asyncProperty(arb, async (c) => {
      if (sent >= budget) return true; // the budget is spent: shrinking stops at the last failure
      draws++;
      const key = caseKey(c);
      if (preferNew && clean.has(key)) return true; // answered clean before: the same request again adds nothing
      const result = await runCase(api, contract, c, budget - sent);
      sent += result.statuses.length;
      for (const status of result.statuses) coverage.add(c, status);
      // judged whole: an answer arrived and was not a 429 the client stopped waiting out (the case was not served)
      if (result.violations.length === 0 && !result.statuses.some((st) => st === 0 || st === 429)) clean.add(key);
      const fresh = result.violations.filter((v) => !found.has(causeKey(v, c)));
      if (fresh.length > 0) last = { c, result, fresh };
      return fresh.length === 0;
    });
    const out = await fc.check(property, {
      seed: seed + round,
      numRuns: Math.max(budget - sent, 1) + (preferNew ? EXTRA_DRAWS : 0),
      examples: round === 0 ? examples.map((e) => [e]) : [],
    });
    const failure = last as { c: GenCase; result: CaseResult; fresh: Violation[] } | null;
    if (out.failed && failure) {
      causeRounds++;
      for (const v of failure.fresh) {
        const key = causeKey(v, failure.c);
        const { status, text } = failure.result.exchange.response;
        if (!found.has(key)) found.set(key, { key, case: failure.c, violation: v, status, body: text });
      }
      continue;
    }
    if (out.failed) break; // the property threw: nothing more to learn from drawing again
    drawRounds++;
    if (sent - sentBefore < NEW_CASE_SHARE * draws || drawRounds >= DRAW_ROUNDS) preferNew = false;
  }
  return sent;
}
