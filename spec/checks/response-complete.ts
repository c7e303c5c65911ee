import type { Check } from './check.js';
import { violation } from '../violation.js';

/**
 * response_complete: a whole HTTP response arrived (no timeout, closed connection, oversized body or refused redirect).
 * It judges every exchange, so a run where every answer arrived whole reports it held over all of them.
 */
export const responseComplete: Check = {
  name: 'response_complete',
  holds: 'a complete HTTP response arrives within the time and size limits',
  applies: { answers: 'any' },
  run(exchange) {
    const { error } = exchange.response;
    if (error === undefined) return [];
    return [violation('response_complete', '', `no complete response: ${String(error)}`, 'a complete response', error)];
  },
};
