import { contract } from '../../spec/contract.js';

/** What the contract suite must report for one emulator fault: the checks that name it, or why it is out of scope. */
export interface FaultExpectation {
  /** Check names that must each appear among the violations. */
  checks: string[];
  /** Pointers one of those checks must name (the fault is caught for its own reason, not another). */
  pointers?: string[];
  /** Set when the contract suite is not meant to catch the fault; says who does. */
  notCaught?: string;
  /** Set for a fault announced but not yet in the emulator's catalogue. */
  pending?: string;
  /** Where the emulator must serve for the fault to show (a base path): every other fault serves at the root. */
  place?: { basePath: string };
}

/** Every emulator fault and the check(s) that must catch it; the self-test fails on a fault missing here. */
export const faultExpectations: Record<string, FaultExpectation> = {
  'sid-prefix': { checks: ['receipt_schema'] },
  'sid-length': { checks: ['receipt_schema'] },
  'status-enum': { checks: ['receipt_schema'] },
  'error-code-type': { checks: ['receipt_schema'] },
  'missing-field': { checks: ['receipt_schema'] },
  'null-field': { checks: ['receipt_schema'] },
  'date-format': { checks: ['receipt_schema'] },
  'dates-order': { checks: ['receipt_dates_order'] },
  'url-relative': { checks: ['receipt_url'] },
  'url-unscoped': { checks: ['receipt_url'] },
  'url-foreign-origin': { checks: ['receipt_url'] },
  'path-mismatch': { checks: ['receipt_path_sids'] },
  'account-mismatch': { checks: ['receipt_account_sid'] },
  'fetch-differs': { checks: ['receipt_consistent'] },
  'meta-key': { checks: ['meta_key'] },
  'meta-page-size': { checks: ['meta_page_size'] },
  'next-page-skip': { checks: ['page_sequence'] },
  'next-page-loop': { checks: ['meta_next_page_url'] },
  'previous-page-first': { checks: ['meta_previous_page_url'] },
  'first-page-url': { checks: ['page_link_target'] },
  'meta-url-foreign': { checks: ['meta_urls'] },
  'meta-page-negative': { checks: ['page_schema'] },
  'meta-page-off-by-one': { checks: ['meta_page'] },
  'previous-page-missing': { checks: ['meta_previous_page_url'] },
  'meta-url-other-list': { checks: ['meta_urls'] },
  'unstable-order': { checks: ['page_sequence'] },
  'page-size-unbounded': { checks: ['page_size_bounds'], pointers: [`/${contract.paging.listKey}`] },
  'page-size-clamp-misreported': { checks: ['page_size_bounds'], pointers: ['/meta/page_size'] },
  'page-size-zero': { checks: ['page_size_bounds'] },
  'page-token-trusted': { checks: ['page_token_forged'] },
  'auth-off': { checks: ['response_status', 'response_no_receipts'] },
  'auth-wrong-code': { checks: ['error_body'] },
  'auth-no-challenge': { checks: ['error_headers'] },
  'leak-service': { checks: ['response_no_receipts'] },
  'leak-default': { checks: ['response_no_receipts'] },
  'leak-message': { checks: ['response_no_receipts'] },
  'cross-tenant': { checks: ['response_no_receipts'] },
  'not-found-200': { checks: ['response_status'] },
  'error-not-json': { checks: ['response_json'] },
  'error-shape': { checks: ['error_body'] },
  'server-error': { checks: ['response_status'] },
  'content-type': { checks: ['response_content_type'] },
  'invalid-json': { checks: ['response_json'] },
  slow: { checks: [], notCaught: 'a latency budget, not a contract rule: the load gate (load/) judges it' },
  'swap-under-concurrency': {
    checks: [],
    notCaught:
      'only with more requests in flight than the contract client ever sends (5 and up; it holds 4): ' +
      'the load gate (load/) judges it',
  },
  'rare-swap': {
    checks: [],
    notCaught:
      'a race in 1 crowded fetch in 3 000, only with more requests in flight than the contract client ever sends: ' +
      'the load gate (load/), judging every answer, judges it',
  },
  // Hostile targets (issue 5): each must become a clear failed check, never a hang or a runner crash.
  hang: { checks: ['response_complete'] },
  'huge-body': { checks: ['response_complete'] },
  'redirect-foreign': { checks: ['response_status'] },
  'close-connection': { checks: ['response_complete'] },
  // Hostile targets (issue 14): the credentials never reach an output, memory and waits stay bounded, no stack overflows.
  'echo-credentials': { checks: ['receipt_schema', 'error_body'] },
  'gzip-bomb': { checks: ['response_complete'] },
  'deep-body': { checks: ['page_schema'] },
  'wide-list': { checks: ['meta_page_size'] },
  // Its first 429 asks for a wait longer than CONTRACT_RATE_PATIENCE: that request and every later one end unanswered.
  '429-forever': { checks: ['response_complete'] },
  // Corners (issue 9): each is caught by the generated phase and by no fixed probe (tests/self/generated-corner.spec.ts).
  'page-size-inner-500': { checks: ['response_status'] },
  'page-past-end-500': { checks: ['response_status'] },
  'page-token-other-size-500': { checks: ['response_status'] },
  'query-unknown-500': { checks: ['response_status'] },
  'fetch-other-message': { checks: ['response_no_receipts'] },
  'auth-empty-token': { checks: ['response_status', 'response_no_receipts'] },
  // Long lists (issue 18): only past the first page of the maximum size, or at an odd size no old walk used.
  'max-page-repeat': { checks: ['page_sequence'] },
  'max-page-drop': { checks: ['page_sequence'] },
  'next-page-skip-odd': { checks: ['page_sequence'] },
  // Live data (issue 18): a later copy of a receipt that did not move forward along the lifecycle.
  'status-moves-back': { checks: ['receipt_consistent'], pointers: ['/status'] },
  'status-moves-undated': { checks: ['receipt_consistent'], pointers: ['/date_updated'] },
  'date-updated-back': { checks: ['receipt_consistent'], pointers: ['/date_updated'] },
  'moved-field-changes': { checks: ['receipt_consistent'], pointers: ['/participant_sid'] },
  // Gateways (issue 18): a deployment served under a path prefix.
  'base-path-dropped': { checks: ['receipt_url', 'meta_urls'], place: { basePath: '/twilio-api' } },
  // A 429 the client retried is judged too: a gateway's HTML page is no Twilio error.
  'gateway-html-429': { checks: ['response_content_type', 'response_json'] },
};
