import type { Api } from '../../../client/api.js';
import { redactViolation } from '../../../client/redact.js';
import type { Contract } from '../../../spec/contract.js';
import { judgeExchange, type CheckContext, type Exchange } from '../../../spec/checks/index.js';
import { asObject } from '../../../spec/checks/judged.js';
import type { Violation } from '../../../spec/violation.js';
import type { GenCase, Plan } from './gen-case.js';
import { walkOn, walkState } from './walk-on.js';

/** A sent case: the exchange that broke a rule (else the first), the violations its oracle found, each status. */
export interface CaseResult {
  exchange: Exchange;
  violations: Violation[];
  /** The status of every request the case sent (a walk sends several). */
  statuses: number[];
}

/** The PageSize a 200 is held to: the one it reports when the plan allows it, else the plan's first. */
function sizeFor(plan: Plan, exchange: Exchange): number | undefined {
  if (!plan.pageSizes) return undefined;
  const said = asObject(asObject(exchange.response.json)?.meta)?.page_size;
  return typeof said === 'number' && plan.pageSizes.includes(said) ? said : plan.pageSizes[0];
}

/** Drops the parsed body: only its status and text are read after judging. */
function light(exchange: Exchange): Exchange {
  return { ...exchange, response: { ...exchange.response, json: undefined } };
}

/**
 * Sends one generated case through the Api (its limits and 429 handling) and judges the answer by the case's plan;
 * a walk case then follows next_page_url, sending at most `room` requests in all.
 */
export async function runCase(api: Api, contract: Contract, c: GenCase, room = Infinity): Promise<CaseResult> {
  const exchange = await api.get(c.path, c.auth);
  const ok = exchange.response.status === 200;
  const pageSize = ok ? sizeFor(c.plan, exchange) : undefined;
  const walk = ok && c.plan.walk ? { page: 0, walk: walkState(c.plan.walk, 0, []) } : {};
  const ctx: CheckContext = {
    publicUrl: api.target.publicUrl,
    accountSid: api.target.accountSid,
    expect: ok ? c.plan.onOk : c.plan.onError,
    ...(ok || c.plan.onOk === c.plan.onError ? {} : { orOk: c.plan.onOk }),
    ...(pageSize === undefined ? {} : { pageSize }),
    ...walk,
  };
  // The same answer to a variant spelling (a trailing slash, upper-case hex) is judged as the canonical request's.
  const judged =
    ok && c.plan.judgeAs ? { ...exchange, request: { ...exchange.request, path: c.plan.judgeAs } } : exchange;
  const request = `GET ${c.path}`;
  // Redacted and bounded at once: a finding kept for shrinking must not hold a 100 000-deep value, nor a credential.
  const found = judgeExchange(judged, contract, ctx).map((v) => redactViolation({ ...v, request }, api.target));
  const first = { exchange: light(exchange), violations: found, statuses: [exchange.response.status] };
  if (!ok || !c.plan.walk || pageSize === undefined || found.length > 0) return first;
  const on = await walkOn(api, contract, exchange, pageSize, c.plan.walk, room - 1);
  return {
    exchange: light(on.broken ?? exchange),
    violations: on.violations,
    statuses: [...first.statuses, ...on.statuses],
  };
}
