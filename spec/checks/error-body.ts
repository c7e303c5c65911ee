import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** error_body: an error answer is Twilio's error body (code, message, more_info, status) documented for its HTTP status. */
export const errorBody: Check = {
  name: 'error_body',
  holds:
    "an error is Twilio's JSON body documented for its HTTP status: integer code (the spec's own for 401, 404 and 429), message, more_info URI, status equal to the HTTP status",
  applies: { status: 'error' },
  run(exchange, contract) {
    const { status, json } = exchange.response;
    if (json === undefined) return []; // no body to judge is response_json's concern
    const found = contract.errors.validate(status, json, 'error_body');
    const said = exchange.body?.status;
    if (typeof said === 'number' && said !== status && !found.some((v) => v.pointer === '/status')) {
      found.push(
        violation('error_body', '/status', `expected the HTTP status ${status}, received ${show(said)}`, status, said),
      );
    }
    return found;
  },
};
