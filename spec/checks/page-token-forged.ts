import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/**
 * page_token_forged: a PageToken the server never issued is rejected with a 4xx, never answered with a page. Which
 * 4xx is not documented for a bad token (OBSERVED.md: Twilio's Conversations OpenAPI declares no error responses), so
 * a 400, a 404 or a 422 are each a rejection; the error body is judged against the status it came with.
 */
export const pageTokenForged: Check = {
  name: 'page_token_forged',
  holds: 'a PageToken the server never issued gets a 4xx, never a page',
  applies: { expect: ['page_token'], operation: 'list', query: 'PageToken' },
  run(exchange) {
    const token = exchange.query.get('PageToken');
    const { status } = exchange.response;
    if (!exchange.route) return [];
    // Redirects and 5xx are response_status' concern.
    if (status >= 300) return [];
    return [
      violation(
        'page_token_forged',
        '',
        `PageToken=${show(token)} was never issued by the server and must be rejected with a 4xx, ` +
          `received HTTP ${status}`,
        '4xx',
        status,
      ),
    ];
  },
};
