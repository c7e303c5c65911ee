import type { Contract } from '../contract.js';
import type { Violation } from '../violation.js';
import type { Check, CheckContext, Exchange } from './exchange.js';
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

export type { AuthMode, Check, CheckContext, Exchange, ExchangeRequest, ExchangeResponse, Expectation, WalkState } from './exchange.js';

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

/** Runs every check on one exchange; each violation carries the request that produced it. */
export function judge(exchange: Exchange, contract: Contract, ctx: CheckContext): Violation[] {
  const request = `${exchange.request.method} ${exchange.request.path}`;
  // Without a complete response there is nothing else to judge.
  const run = exchange.response.error ? [responseComplete] : checks;
  return run.flatMap((check) => check.run(exchange, contract, ctx).map((v) => ({ ...v, request })));
}
