import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** The HTTP status the spec's BadRequest response is documented under. */
const BAD_REQUEST = 400;

/** page_token_forged: a PageToken the server never issued gets the documented 400, never a page. */
export const pageTokenForged: Check = {
  name: 'page_token_forged',
  holds: 'a PageToken the server never issued gets a 400 where the list documents one, never a page',
  applies: { expect: ['page_token'], operation: 'list', query: 'PageToken' },
  run(exchange, contract) {
    const token = exchange.query.get('PageToken');
    const route = exchange.route;
    const { status } = exchange.response;
    if (!route) return [];
    // Redirects and 5xx are response_status' concern; without a documented 400 any 4xx is a rejection.
    const documented = contract.errors.documentedStatuses(route.op.operationId).includes(BAD_REQUEST);
    const rejected = documented ? status === BAD_REQUEST : status >= 400 && status < 500;
    if (rejected || (status >= 300 && status < 400) || status >= 500) return [];
    const want = documented ? `HTTP ${BAD_REQUEST} (documented for this list)` : 'a 4xx';
    return [
      violation(
        'page_token_forged',
        '',
        `PageToken=${show(token)} was never issued by the server and must be rejected with ${want}, received HTTP ${status}`,
        documented ? BAD_REQUEST : '4xx',
        status,
      ),
    ];
  },
};
