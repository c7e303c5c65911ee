import { show } from '../violation.js';
import type { Check } from './exchange.js';
import { asObject, isPage, metaOf, violation } from './helpers.js';

/** meta_key: meta.key names the documented list key, and the items are under that key. */
export const metaKey: Check = {
  name: 'meta_key',
  holds: 'meta.key is the documented list key and the items are under that key',
  run(exchange, contract, ctx) {
    // A body that is not a JSON object is response_json's concern.
    if (ctx.expect !== 'page' || !isPage(exchange, contract) || !asObject(exchange.response.json)) return [];
    const key = metaOf(exchange)?.key;
    if (key !== contract.listKey) return [violation('meta_key', '/meta/key', `expected ${show(contract.listKey)}, received ${show(key)}`, contract.listKey, key)];
    const items = asObject(exchange.response.json)?.[contract.listKey];
    return Array.isArray(items) ? [] : [violation('meta_key', `/${contract.listKey}`, `expected the items array under meta.key, received ${show(items)}`, 'array', items)];
  },
};
