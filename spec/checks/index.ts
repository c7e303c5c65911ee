import type { Contract } from '../contract.js';
import type { Violation } from '../violation.js';
import { appliesTo, kindOf, type Check } from './check.js';
import type { CheckContext, Expectation } from './check-context.js';
import type { Exchange } from './exchange.js';
import { parseExchange, type Judged } from './judged.js';
import { errorBody } from './error-body.js';
import { errorHeaders } from './error-headers.js';
import { metaKey } from './meta-key.js';
import { metaNextPageUrl } from './meta-next-page-url.js';
import { metaPage } from './meta-page.js';
import { metaPageSize } from './meta-page-size.js';
import { metaPreviousPageUrl } from './meta-previous-page-url.js';
import { metaUrls } from './meta-urls.js';
import { pageLinkTarget } from './page-link-target.js';
import { pageSchema } from './page-schema.js';
import { pageSequence } from './page-sequence.js';
import { pageSizeBounds } from './page-size-bounds.js';
import { pageTokenForged } from './page-token-forged.js';
import { receiptAccountSid } from './receipt-account-sid.js';
import { receiptConsistent } from './receipt-consistent.js';
import { receiptDatesOrder } from './receipt-dates-order.js';
import { receiptPathSids } from './receipt-path-sids.js';
import { receiptSchema } from './receipt-schema.js';
import { receiptUrl } from './receipt-url.js';
import { responseComplete } from './response-complete.js';
import { responseContentType } from './response-content-type.js';
import { responseJson } from './response-json.js';
import { responseNoReceipts } from './response-no-receipts.js';
import { responseStatus } from './response-status.js';

export type { Applies, Check } from './check.js';
export type { CheckContext, Expectation, SeenCopy, WalkState } from './check-context.js';
export type { AuthMode, Exchange, ExchangeRequest, ExchangeResponse, MalformedAuth } from './exchange.js';
export type { Judged, Route } from './judged.js';

/** Every check, in the order its violations are reported: transport, then receipts, then pages, then errors. */
export const checks: readonly Check[] = Object.freeze([
  responseComplete,
  responseStatus,
  responseContentType,
  responseJson,
  receiptSchema,
  receiptDatesOrder,
  receiptPathSids,
  receiptAccountSid,
  receiptUrl,
  receiptConsistent,
  pageSchema,
  metaKey,
  metaPage,
  metaPageSize,
  metaUrls,
  metaPreviousPageUrl,
  metaNextPageUrl,
  pageSequence,
  pageLinkTarget,
  pageSizeBounds,
  pageTokenForged,
  errorBody,
  errorHeaders,
  responseNoReceipts,
]);

/** Violations kept per check and per exchange: a 20 000-item page must not yield 200 000 lines (the rest counted). */
export const MAX_PER_CHECK = 5;
export const MAX_PER_EXCHANGE = 40;

/** What judging one exchange gave: the checks that applied to it, and their violations (each with its request). */
export interface Assessment {
  applied: string[];
  violations: Violation[];
}

/**
 * Judges an exchange: its final answer as the probe expects it, and each 429 the client got before it (retried or
 * not) as Twilio's 429 error, like any other answer; says which checks applied. Bounded and never throws.
 */
export function assess(
  exchange: Exchange,
  contract: Contract,
  ctx: CheckContext,
  among: readonly Check[] = checks,
): Assessment {
  const out = assessOne(exchange, contract, ctx, among);
  if (!exchange.throttled?.length) return out;
  const applied = new Set(out.applied);
  const seen = new Set<string>();
  const asAnswer: CheckContext = { publicUrl: ctx.publicUrl, accountSid: ctx.accountSid, expect: 'throttled' };
  for (const response of exchange.throttled ?? []) {
    const one = assessOne({ request: exchange.request, response }, contract, asAnswer, among);
    for (const name of one.applied) applied.add(name);
    for (const v of one.violations) {
      const message = `a 429 before the final answer: ${v.message}`;
      // the same 429 again and again says nothing new: each finding once per request
      if (!seen.has(`${v.check} ${v.pointer} ${message}`)) out.violations.push({ ...v, message });
      seen.add(`${v.check} ${v.pointer} ${message}`);
    }
  }
  return { applied: [...applied], violations: out.violations };
}

/**
 * Parses one answer once, runs every check that applies to it, and says which applied. Bounded and never throws:
 * every failing check is named once, the room left goes to further lines of each, in report order.
 */
function assessOne(exchange: Exchange, contract: Contract, ctx: CheckContext, among: readonly Check[]): Assessment {
  const parsed = parseExchange(exchange, contract);
  const applied: string[] = [];
  const failing: { name: string; found: Violation[] }[] = [];
  for (const check of mayApply(among, parsed, ctx)) {
    const { query } = check.applies;
    if (query !== undefined && !parsed.query.has(query)) continue;
    applied.push(check.name);
    const found = runCheck(check, parsed, contract, ctx);
    if (found.length > 0) failing.push({ name: check.name, found });
  }
  const violations: Violation[] = [];
  if (failing.length === 0) return { applied, violations };
  const request = `${exchange.request.method} ${exchange.request.path}`;
  let room = MAX_PER_EXCHANGE - failing.length;
  for (const { name, found } of failing) {
    const keep = 1 + Math.max(0, Math.min(found.length - 1, MAX_PER_CHECK - 1, room));
    room -= keep - 1;
    for (let i = 0; i < keep; i++) {
      const { check, pointer, message, expected, actual } = found[i];
      violations.push({ check, pointer, message, expected, actual, request });
    }
    const message = `… and ${found.length - keep} more ${name} violation(s) in this response`;
    if (found.length > keep) violations.push({ check: name, pointer: '', message, request });
  }
  return { applied, violations };
}

/** The checks of each registry that apply to an exchange, by expectation and kind (kindOf), but for the query. */
const byKind = new WeakMap<readonly Check[], Map<Expectation, (readonly Check[])[]>>();

/** The checks of a registry whose every condition but the query holds for an exchange: found once per kind. */
function mayApply(among: readonly Check[], parsed: Judged, ctx: CheckContext): readonly Check[] {
  let registry = byKind.get(among);
  if (!registry) byKind.set(among, (registry = new Map()));
  let kinds = registry.get(ctx.expect);
  if (!kinds) registry.set(ctx.expect, (kinds = []));
  return (kinds[kindOf(parsed, ctx)] ??= among.filter((c) =>
    appliesTo({ ...c.applies, query: undefined }, parsed, ctx),
  ));
}

/** Runs every check that applies to one exchange; each violation carries the request that produced it. */
export function judgeExchange(exchange: Exchange, contract: Contract, ctx: CheckContext): Violation[] {
  return assess(exchange, contract, ctx).violations;
}

/** One check's violations; a check that throws on a hostile answer reports that instead of crashing the run. */
function runCheck(check: Check, exchange: Judged, contract: Contract, ctx: CheckContext): Violation[] {
  try {
    return check.run(exchange, contract, ctx);
  } catch (e) {
    const why = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0].slice(0, 200);
    return [{ check: check.name, pointer: '', message: `the check could not judge this answer (${why})` }];
  }
}
