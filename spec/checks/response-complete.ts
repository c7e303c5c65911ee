import type { Check } from './exchange.js';
import { violation } from './helpers.js';

/** response_complete: a whole HTTP response arrived (no timeout, closed connection, oversized body or refused redirect). */
export const responseComplete: Check = {
  name: 'response_complete',
  holds: 'a complete HTTP response arrives within the time and size limits',
  run(exchange) {
    const { error } = exchange.response;
    return error ? [violation('response_complete', '', `no complete response: ${error}`, 'a complete response', error)] : [];
  },
};
