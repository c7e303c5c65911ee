import type { Contract, OperationName } from '../contract.js';
import type { Violation } from '../violation.js';
import type { CheckContext, Expectation } from './check-context.js';
import type { Judged } from './judged.js';

/** Context a check needs from the probe: a walk in progress, a copy seen before, a page a link must reproduce. */
export type Need = 'walk' | 'known' | 'reproduce';

/** When a check applies; every condition given must hold, an absent one is no condition. */
export interface Applies {
  /** Only to these probe expectations. */
  expect?: readonly Expectation[];
  /** Only to paths of this operation. */
  operation?: OperationName;
  /** ok: HTTP 200; error: an HTTP status from 400 up. */
  status?: 'ok' | 'error';
  /** Only when the probe gave this context. */
  needs?: readonly Need[];
  /** Only when the request's query has this parameter. */
  query?: string;
  /** 'any': to every exchange, one that got no complete response too (response_complete); by default a check judges
   * complete answers only. */
  answers?: 'any';
}

/** A named pure check: judges one parsed exchange against the contract; empty means it holds. */
export interface Check {
  name: string;
  /** One line: what it holds (the README's table of checks is compared with this). */
  holds: string;
  /** Which exchanges it judges; judgeExchange() hands it no other. */
  applies: Applies;
  run(exchange: Judged, contract: Contract, ctx: CheckContext): Violation[];
}

/** True when a check's declared conditions hold for a parsed exchange and its context. */
export function appliesTo(applies: Applies, ex: Judged, ctx: CheckContext): boolean {
  // kindOf() below names everything read here but the expectation and the query: keep the two in step
  if (ex.response.error !== undefined && applies.answers !== 'any') return false;
  if (applies.expect && !applies.expect.includes(ctx.expect)) return false;
  if (applies.operation && ex.route?.op.name !== applies.operation) return false;
  const { status } = ex.response;
  if (applies.status === 'ok' && status !== 200) return false;
  if (applies.status === 'error' && status < 400) return false;
  if (applies.needs && !applies.needs.every((n) => ctx[n] !== undefined)) return false;
  return applies.query === undefined || ex.query.has(applies.query);
}

/**
 * Everything appliesTo() reads of an exchange and its context but the expectation and the query, as a number (below
 * 144): every other condition holds alike for two exchanges of one kind, so the checks that may apply are found once.
 */
export function kindOf(ex: Judged, ctx: CheckContext): number {
  const { status, error } = ex.response;
  const answer = (status === 200 ? 0 : status >= 400 ? 1 : 2) + (error === undefined ? 0 : 3);
  const op = ex.route === null ? 0 : ex.route.op.name === 'fetch' ? 1 : 2;
  const needs =
    (ctx.walk === undefined ? 0 : 1) + (ctx.known === undefined ? 0 : 2) + (ctx.reproduce === undefined ? 0 : 4);
  return (answer * 3 + op) * 8 + needs;
}
