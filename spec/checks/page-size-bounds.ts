import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** page_size_bounds: a PageSize outside its documented bounds is rejected with a 4xx, or (above the maximum only) clamped. */
export const pageSizeBounds: Check = {
  name: 'page_size_bounds',
  holds:
    'a PageSize out of bounds (0, -1, not a number) gets a 4xx; above the maximum a 4xx or at most the maximum items, ' +
    'with meta.page_size at most the maximum or the size asked for',
  applies: { operation: 'list', status: 'ok', query: 'PageSize' },
  run(exchange, contract) {
    const raw = String(exchange.query.get('PageSize'));
    const { status } = exchange.response;
    const n = Number(raw);
    const { min, max } = contract.paging.pageSize;
    if (Number.isInteger(n) && n >= min && n <= max) return [];
    if (!(Number.isInteger(n) && n > max)) {
      return [
        violation(
          'page_size_bounds',
          '',
          `PageSize=${raw} is outside ${min}..${max} and must be rejected with a 4xx, received HTTP 200`,
          '4xx',
          status,
        ),
      ];
    }
    // Above the maximum the documentation allows clamping: never more than the maximum.
    const count = exchange.sids.length;
    const size = exchange.meta?.page_size;
    if (count > max)
      return [
        violation(
          'page_size_bounds',
          `/${contract.paging.listKey}`,
          `PageSize=${raw} returned ${count} items, more than the maximum ${max}`,
          `<= ${max}`,
          count,
        ),
      ];
    // meta.page_size may report the size in force or echo the request (OBSERVED.md: it echoes the requested size).
    if (typeof size === 'number' && (size === n || (Number.isInteger(size) && size >= min && size <= max))) return [];
    return [
      violation(
        'page_size_bounds',
        '/meta/page_size',
        `PageSize=${raw} clamped: meta.page_size must be the size in force (${min}..${max}) or echo the size ` +
          `asked for (${n}), received ${show(size ?? null)}`,
        `${min}..${max} or ${n}`,
        size,
      ),
    ];
  },
};
