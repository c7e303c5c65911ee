import fc from 'fast-check';
import type { Contract } from '../../../spec/contract.js';
import { always, either, type Plan } from './gen-case.js';

/** A drawn PageSize value: its class of input, the text sent, and how the answer is judged. */
export interface SizeValue {
  kind: string;
  raw: string;
  plan: Plan;
}

const CANONICAL = /^(0|-?[1-9]\d*)$/;

/** The oracle for a PageSize text: what the spec allows a correct server to answer (clamping above the maximum). */
export function pageSizePlan(contract: Contract, raw: string): Plan {
  const { min, max } = contract.paging.pageSize;
  const n = raw.trim() === raw && raw !== '' ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min) return always('rejected');
  if (n > max) return always('page_size'); // rejected or clamped, both documented readings
  // 1e1, 05 or 2.0 name an integer in range: a server may read them as that number or refuse the spelling.
  return CANONICAL.test(raw) ? always('page', [n]) : either('page', 'rejected', { pageSizes: [n] });
}

/** The PageSizes at and around both bounds, in order: min-1, min, min+1, max-1, max, max+1. */
export function boundarySizes(contract: Contract): number[] {
  const { min, max } = contract.paging.pageSize;
  return [...new Set([min - 1, min, min + 1, max - 1, max, max + 1])];
}

/** Every class of PageSize text the issue lists, drawn from the spec's bounds. */
export function pageSizeValue(contract: Contract): fc.Arbitrary<SizeValue> {
  const { min, max } = contract.paging.pageSize;
  const classes: [string, fc.Arbitrary<string>][] = [
    ['boundary', fc.constantFrom(...boundarySizes(contract)).map(String)],
    ['inside', fc.integer({ min, max }).map(String)],
    ['above', fc.integer({ min: max + 1, max: 1_000_000 }).map(String)],
    ['huge', fc.integer({ min: 16, max: 400 }).map((n) => '9'.repeat(n))],
    ['negative', fc.integer({ min: -1_000_000, max: -1 }).map(String)],
    ['fractional', fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a}.${b}`)],
    ['exponent', fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 })).map(([d, e]) => `${d}e${e}`)],
    ['leading-zero', fc.integer({ min, max }).map((n) => `0${n}`)],
    ['empty', fc.constant('')],
    ['non-numeric', fc.constantFrom('abc', 'NaN', 'Infinity', 'true', 'null', '0x10', '1_0', '[]')],
  ];
  return fc.oneof(
    ...classes.map(([kind, arb]) => arb.map((raw): SizeValue => ({ kind, raw, plan: pageSizePlan(contract, raw) }))),
  );
}
