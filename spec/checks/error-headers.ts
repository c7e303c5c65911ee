import { show } from '../violation.js';
import type { Check } from './exchange.js';
import { violation } from './helpers.js';

/** error_headers: an error answer carries every header the spec documents for its status (a Basic challenge on 401). */
export const errorHeaders: Check = {
  name: 'error_headers',
  holds:
    'an error carries each header documented for its status: WWW-Authenticate with a Basic challenge on 401, Retry-After on 429',
  applies: { status: 'error' },
  run(exchange, contract) {
    const { status, headers } = exchange.response;
    return contract.errors.headers(status).flatMap(({ name, rule, test }) => {
      const value = headers[name.toLowerCase()];
      if (value !== undefined && test(value)) return [];
      const received = value === undefined ? 'no such header' : show(value);
      return [
        violation(
          'error_headers',
          '',
          `${name}: expected ${rule} (documented for HTTP ${status}), received ${received}`,
          rule,
          value,
        ),
      ];
    });
  },
};
