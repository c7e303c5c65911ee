import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** meta_page_size: meta.page_size equals the requested PageSize (the default when absent) and the page holds no more items. */
export const metaPageSize: Check = {
  name: 'meta_page_size',
  holds:
    'meta.page_size equals the requested PageSize (the documented default when absent) and the page holds at most that many items',
  applies: { expect: ['page'], operation: 'list', status: 'ok' },
  run(exchange, contract, ctx) {
    if (!exchange.body) return [];
    // The size the probe asked for wins over the query: a followed link need not spell PageSize.
    const raw = ctx.pageSize === undefined ? exchange.query.get('PageSize') : String(ctx.pageSize);
    const requested = raw === null ? contract.paging.pageSize.default : Number(raw);
    const { min, max } = contract.paging.pageSize;
    // Out-of-range sizes are page_size_bounds' concern.
    if (!Number.isInteger(requested) || requested < min || requested > max) return [];
    const size = exchange.meta?.page_size;
    if (size !== requested)
      return [
        violation(
          'meta_page_size',
          '/meta/page_size',
          `expected ${requested} (${raw === null ? 'the default' : 'as requested'}), received ${show(size ?? null)}`,
          requested,
          size,
        ),
      ];
    const count = exchange.sids.length;
    return count <= requested
      ? []
      : [
          violation(
            'meta_page_size',
            `/${contract.paging.listKey}`,
            `expected at most ${requested} items, received ${count}`,
            requested,
            count,
          ),
        ];
  },
};
