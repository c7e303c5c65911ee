import type { Check } from './check.js';
import type { Expectation } from './check-context.js';
import { violation } from '../violation.js';

/** The statuses each expectation allows, in words and as a test. */
const ALLOWED: Record<Expectation, { text: string; ok: (s: number) => boolean }> = {
  receipt: { text: '200', ok: (s) => s === 200 },
  page: { text: '200', ok: (s) => s === 200 },
  unauthorized: { text: '401', ok: (s) => s === 401 },
  not_found: { text: '404', ok: (s) => s === 404 },
  rejected: { text: '4xx', ok: (s) => s >= 400 && s < 500 },
  hidden: { text: '404 (or 200 with an empty page)', ok: (s) => s === 404 || s === 200 },
  page_size: { text: '4xx (or 200 with the size clamped)', ok: (s) => s === 200 || (s >= 400 && s < 500) },
  // A forged PageToken answered 200 is page_token_forged's to report.
  page_token: { text: '4xx', ok: (s) => s === 200 || (s >= 400 && s < 500) },
  // Another tenant may be refused (401, 403) or told nothing exists (404), or get an empty page: never a receipt.
  other_tenant: { text: '401, 403 or 404 (or 200 with an empty page)', ok: (s) => [200, 401, 403, 404].includes(s) },
  throttled: { text: '429', ok: (s) => s === 429 },
};

/** response_status: the HTTP status is the one the contract documents for this request (never a 5xx or a redirect). */
export const responseStatus: Check = {
  name: 'response_status',
  holds: 'the HTTP status is the documented one for the request (200, 401, 404, 4xx); never a 5xx or a redirect',
  applies: {},
  run(exchange, _contract, ctx) {
    const { status, headers } = exchange.response;
    const allowed = ALLOWED[ctx.expect];
    if (allowed.ok(status)) return [];
    // a request a 200 would also have answered says so: "200 or 4xx", not "4xx" alone
    const text = ctx.orOk === undefined ? allowed.text : `${ALLOWED[ctx.orOk].text} or ${allowed.text}`;
    const where = status >= 300 && status < 400 && headers.location ? ` redirecting to ${headers.location}` : '';
    return [violation('response_status', '', `expected HTTP ${text}, received HTTP ${status}${where}`, text, status)];
  },
};
