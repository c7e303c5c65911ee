import type { Check } from './check.js';

/** page_schema: the list envelope (items array and meta with page, page_size, links, key) has its documented shape. */
export const pageSchema: Check = {
  name: 'page_schema',
  holds: 'the list envelope has the documented shape: the items array and meta (page, page_size, the four links, key)',
  applies: { expect: ['page'], operation: 'list', status: 'ok' },
  run(exchange, contract) {
    const { body } = exchange;
    if (!body) return []; // not a JSON object: response_json's concern
    const schema = exchange.route?.scope === 'service' ? 'ServiceReceiptPage' : 'ReceiptPage';
    // The items are receipt_schema's concern; judge only the envelope here so nothing is reported twice.
    const items = body[contract.paging.listKey];
    const envelope = Array.isArray(items) ? { ...body, [contract.paging.listKey]: [] } : body;
    return contract.validate(schema, envelope, 'page_schema');
  },
};
