import { pointer, violation } from '../violation.js';
import type { Check } from './check.js';

/** page_sequence: walking the pages visits each receipt once, in the order of one page at the maximum size. */
export const pageSequence: Check = {
  name: 'page_sequence',
  holds:
    'walking next_page_url visits every receipt exactly once, in the same order as one page at the maximum PageSize',
  applies: { operation: 'list', status: 'ok', needs: ['walk'] },
  run(exchange, contract, ctx) {
    const walk = ctx.walk;
    if (!walk) return [];
    const seen = new Set(walk.expected.slice(0, walk.position));
    const sids = exchange.sids;
    for (const [i, sid] of sids.entries()) {
      const at = pointer('', contract.paging.listKey, i, 'sid');
      const want = walk.expected[walk.position + i];
      if (seen.has(sid))
        return [
          violation(
            'page_sequence',
            at,
            `${sid} was already visited on an earlier page`,
            want ?? 'no more receipts',
            sid,
          ),
        ];
      // Only a complete reference knows what lies past its end.
      if (want === undefined && !walk.complete) return [];
      if (sid !== want) {
        const place = `receipt #${walk.position + i + 1} of the walk`;
        return [
          violation(
            'page_sequence',
            at,
            `expected ${want ?? 'no more receipts'} as ${place}, received ${sid}`,
            want,
            sid,
          ),
        ];
      }
    }
    return [];
  },
};
