import type { Check } from './check.js';
import { violation } from '../violation.js';

/** response_complete: a whole HTTP response arrived (no timeout, closed connection, oversized body or refused redirect). */
export const responseComplete: Check = {
  name: 'response_complete',
  holds: 'a complete HTTP response arrives within the time and size limits',
  applies: { failed: true },
  run(exchange) {
    const { error } = exchange.response;
    return [violation('response_complete', '', `no complete response: ${String(error)}`, 'a complete response', error)];
  },
};
