import type { Check } from './check.js';
import { violation } from '../violation.js';

const EXCERPT = 60;

/** response_json: the body parses as JSON (an object), for receipts and errors alike. */
export const responseJson: Check = {
  name: 'response_json',
  holds: 'the body is a JSON object, for receipts and errors alike',
  applies: {},
  run(exchange) {
    const { json, text } = exchange.response;
    if (exchange.body) return [];
    const what = json === undefined ? 'not valid JSON' : 'JSON but not an object';
    const head = text.length > EXCERPT ? text.slice(0, EXCERPT) + '…' : text;
    return [violation('response_json', '', `${what}: ${JSON.stringify(head)}`, 'a JSON object', head)];
  },
};
