import type { Check } from './check.js';
import { violation } from '../violation.js';

/** response_content_type: every answer, receipts and errors alike, is declared as application/json. */
export const responseContentType: Check = {
  name: 'response_content_type',
  holds: 'the Content-Type is application/json, for receipts and errors alike',
  applies: {},
  run(exchange) {
    const { headers } = exchange.response;
    const type = headers['content-type'];
    if (type === 'application/json' || type?.split(';')[0].trim().toLowerCase() === 'application/json') return [];
    return [
      violation(
        'response_content_type',
        '',
        `Content-Type: expected application/json, received ${JSON.stringify(type ?? null)}`,
        'application/json',
        type,
      ),
    ];
  },
};
