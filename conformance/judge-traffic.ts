import type { Contract, OperationName, Scope } from '../spec/contract.js';
import { assess, checks, type CheckContext, type Exchange, type Expectation } from '../spec/checks/index.js';
import { routeOfPath } from '../spec/checks/judged.js';
import type { Violation } from '../spec/violation.js';

/** What judging one exchange of real traffic gave; the per-exchange record every summary is built from. */
export interface TrafficVerdict {
  operation: OperationName;
  scope: Scope;
  applied: string[];
  violations: Violation[];
}

/** Who sent an exchange and where its links must point: what real traffic tells about its context. */
export interface TrafficContext {
  /** The Account SID of the Basic user; null for an API key or no credentials (receipt_account_sid is then skipped). */
  accountSid: string | null;
  /** Origin the target writes into links. */
  publicUrl: string;
}

/**
 * What a correct server must answer to traffic nobody planned: a 429 is Twilio's 429 whoever asked (OBSERVED.md: such
 * requests are not processed, so a gateway may rate-limit before it authenticates); no credentials is the documented
 * 401; with credentials a 2xx must be the receipt or page of the path, anything else is judged as a rejection (4xx,
 * an error body, no receipts) because only the server knows whether the token or the SIDs were right.
 */
export function expectationOf(exchange: Exchange, operation: OperationName): Expectation {
  const { status, error } = exchange.response;
  if (status === 429 && !error) return 'throttled';
  if (exchange.request.auth === 'none') return 'unauthorized';
  if (!error && status >= 200 && status < 300) return operation === 'fetch' ? 'receipt' : 'page';
  return 'rejected';
}

/** The registry without the check that compares with the account: one array, so the registry's lookups are kept. */
const withoutAccount: typeof checks = Object.freeze(checks.filter((c) => c.name !== 'receipt_account_sid'));

/** The checks real traffic can be judged by: without a known account, not the one comparing against it. */
function checksFor(ctx: TrafficContext): typeof checks {
  return ctx.accountSid ? checks : withoutAccount;
}

/** Judges one exchange of real traffic; null for a request the spec does not describe (another method or path). */
export function judgeTraffic(exchange: Exchange, contract: Contract, traffic: TrafficContext): TrafficVerdict | null {
  const route = routeOfPath(exchange.request.path, contract);
  if (!route || exchange.request.method.toUpperCase() !== 'GET') return null;
  const ctx: CheckContext = {
    publicUrl: traffic.publicUrl,
    accountSid: traffic.accountSid ?? '',
    expect: expectationOf(exchange, route.op.name),
  };
  const { applied, violations } = assess(exchange, contract, ctx, checksFor(traffic));
  return { operation: route.op.name, scope: route.scope, applied, violations };
}
