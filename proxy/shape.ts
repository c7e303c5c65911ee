import type { Contract } from '../spec/contract.js';
import type { ExchangeResponse } from '../spec/checks/index.js';
import { DIFF_NOISE } from './diff-noise.js';

/** A response reduced to what two correct servers must share: pointer -> kind or value. */
export type Shape = Record<string, string>;

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

/** The kind of a string: a SID by its prefix (where the spec fixes one), a date-time, a URL by its query's names. */
function stringKind(value: string, contract: Contract): string {
  const sid = /^([A-Z]{2})[0-9a-fA-F]+$/.exec(value);
  if (sid && value.length === contract.sids.length('sid')) {
    const fixed = contract.sids.fields.some((f) => contract.sids.prefix(f) === sid[1]);
    return fixed ? `sid ${sid[1]}` : 'sid'; // SM or WA: which channel is data
  }
  if (DATE_TIME.test(value)) return 'date-time';
  if (/^https?:\/\//.test(value)) {
    try {
      const u = new URL(value);
      return `url ?${[...new Set(u.searchParams.keys())].sort().join('&')}`;
    } catch {
      return 'string';
    }
  }
  return 'string';
}

/** True when the values at a pointer are compared as they are, not by kind (the noise list says which are not). */
function byValue(pointer: string, value: unknown): boolean {
  return DIFF_NOISE.byValue.some((p) => p.pointer.test(pointer) && typeof value === p.type);
}

/** True for a pointer to a receipt's field (a fetched receipt's are marked `receipt /…`): null there is data. */
export function inReceipt(pointer: string, contract: Contract): boolean {
  return pointer.startsWith('receipt /') || pointer.startsWith(`/${contract.paging.listKey}/*/`);
}

/** Adds the shape of a JSON value at a pointer; array items share one pointer (`*`), their kinds joined. */
function walk(value: unknown, at: string, out: Shape, contract: Contract): void {
  const add = (kind: string): void => {
    const seen = out[at];
    let kinds = seen === undefined ? [kind] : [...new Set([...seen.split(' | '), kind])];
    // In a receipt, null beside a value is data (the checks judge where the spec allows it); alone it stays null.
    if (inReceipt(at, contract) && kinds.length > 1) kinds = kinds.filter((k) => k !== 'null');
    out[at] = kinds.sort().join(' | ');
  };
  if (value === null) return add('null');
  if (Array.isArray(value)) {
    add(value.length === 0 ? 'empty array' : 'array');
    return value.forEach((item) => walk(item, `${at}/*`, out, contract));
  }
  if (typeof value === 'object') {
    add('object');
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, `${at}/${k}`, out, contract);
    return;
  }
  if (byValue(at, value)) return add(JSON.stringify(value));
  if (typeof value === 'string') return add(stringKind(value, contract));
  add(typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value);
}

/** The shape of a response: status, the headers that matter, and the body's structure with values by kind. */
export function shapeOf(r: ExchangeResponse, contract: Contract, receipt = false): Shape {
  if (r.error) return { 'HTTP status': 'no complete response' };
  const out: Shape = { 'HTTP status': String(r.status) };
  for (const { header, read } of DIFF_NOISE.headers) out[`header ${header}`] = read(r.headers[header]);
  if (r.json === undefined) out['body'] = r.text === '' ? 'empty' : 'not JSON';
  else walk(r.json, receipt && r.status === 200 ? 'receipt ' : '', out, contract);
  return out;
}
