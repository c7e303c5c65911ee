import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** meta_key: meta.key names the documented list key, and the items are under that key. */
export const metaKey: Check = {
  name: 'meta_key',
  holds: 'meta.key is the documented list key and the items are under that key',
  applies: { expect: ['page'], operation: 'list', status: 'ok' },
  run(exchange, contract) {
    // A body that is not a JSON object is response_json's concern.
    if (!exchange.body) return [];
    const key = exchange.meta?.key;
    if (key !== contract.paging.listKey)
      return [
        violation(
          'meta_key',
          '/meta/key',
          `expected ${show(contract.paging.listKey)}, received ${show(key)}`,
          contract.paging.listKey,
          key,
        ),
      ];
    const items = exchange.body[contract.paging.listKey];
    return Array.isArray(items)
      ? []
      : [
          violation(
            'meta_key',
            `/${contract.paging.listKey}`,
            `expected the items array under meta.key, received ${show(items)}`,
            'array',
            items,
          ),
        ];
  },
};
