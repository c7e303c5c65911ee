import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** error_headers: an error answer carries every header the spec requires for its status (a Basic challenge on 401), and
 * every documented header it sends is well formed (Retry-After on 429: delay-seconds or an HTTP-date). */
export const errorHeaders: Check = {
  name: 'error_headers',
  holds:
    'an error carries each header required for its status (WWW-Authenticate with a Basic challenge on 401), and a documented header it sends is well formed (Retry-After on 429: delay-seconds or an HTTP-date)',
  applies: { status: 'error' },
  run(exchange, contract) {
    const { status, headers } = exchange.response;
    return contract.errors.headers(status).flatMap(({ name, required, rule, test }) => {
      const value = headers[name.toLowerCase()];
      if (value === undefined ? !required : test(value)) return [];
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
