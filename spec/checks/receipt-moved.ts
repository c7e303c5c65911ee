import type { Contract } from '../contract.js';
import { jsonEqual } from '../json-bounded.js';
import { pointer, show, violation, type Violation } from '../violation.js';
import type { SeenCopy } from './check-context.js';

type Json = Record<string, unknown>;
/** How a later copy's date stands to the earlier one's: null (never updated) is before every date. */
type DateMove = 'same' | 'later' | 'earlier' | 'other';

const NAME = 'receipt_consistent';

/** Compares two date-time values as instants (`Z` and `+00:00` agree); 'other' when either is not a date. */
function dateMove(a: unknown, b: unknown): DateMove {
  const [x, y] = [a === null ? -Infinity : Date.parse(String(a)), b === null ? -Infinity : Date.parse(String(b))];
  if (typeof a !== 'string' && a !== null) return jsonEqual(a, b) ? 'same' : 'other';
  if (typeof b !== 'string' && b !== null) return 'other';
  if (Number.isNaN(x) || Number.isNaN(y)) return jsonEqual(a, b) ? 'same' : 'other';
  return x === y ? 'same' : y > x ? 'later' : 'earlier';
}

/** True when two values of a field are the same: dates as instants, others deeply equal (without recursion). */
function same(field: string, a: unknown, b: unknown, contract: Contract): boolean {
  return contract.receipts.dateFields.includes(field) ? dateMove(a, b) === 'same' : jsonEqual(a, b);
}

/** What the lifecycle allows after a status, in words. */
function after(contract: Contract, status: unknown): string {
  if (!contract.receipts.statusValues.includes(status as string | null)) return `${show(status)} is not documented`;
  const later = contract.receipts.lifecycle.later(status as string | null);
  return later.length === 0 ? `${show(status)} is terminal` : `after ${show(status)} only ${later.map(show).join('|')}`;
}

/** The state and its date: a change of status must be a later state with a later date; the date never goes back. */
function stateViolations(earlier: SeenCopy, later: Json, at: string, contract: Contract): Violation[] {
  const { date } = contract.receipts.lifecycle;
  const [a, b] = [earlier.receipt, later];
  const seen = `seen in ${earlier.at}`;
  const moved = dateMove(a[date], b[date]);
  const dated = `${show(a[date])} (${seen}), then ${show(b[date])}`;
  if (!jsonEqual(a.status, b.status)) {
    if (!contract.receipts.lifecycle.isLater(a.status, b.status)) {
      const text = `${show(a.status)} (${seen}) became ${show(b.status)}: not a later state (${after(contract, a.status)})`;
      return [violation(NAME, pointer(at, 'status'), text, a.status, b.status)];
    }
    if (moved === 'later') return [];
    const text = `status moved from ${show(a.status)} to ${show(b.status)} without a later ${date}: ${dated}`;
    return [violation(NAME, pointer(at, date), text, `later than ${show(a[date])}`, b[date])];
  }
  if (moved === 'same' || moved === 'later') return [];
  const text =
    moved === 'earlier'
      ? `${date} went back: ${dated}`
      : `expected ${show(a[date])} as ${seen}, received ${show(b[date])}`;
  return [violation(NAME, pointer(at, date), text, a[date], b[date])];
}

/**
 * A receipt seen twice: the later copy equals the earlier one, or has moved forward along the spec's lifecycle (a
 * later status, a later date, the fields that move with the status); every other field equal.
 */
export function movedViolations(earlier: SeenCopy, later: Json, at: string, contract: Contract): Violation[] {
  const life = contract.receipts.lifecycle;
  const a = earlier.receipt;
  const forward = !jsonEqual(a.status, later.status) && life.isLater(a.status, later.status);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(later)])];
  const fields = keys
    .filter((k) => k !== 'status' && k !== life.date && !(forward && life.with.includes(k)))
    .filter((k) => !same(k, a[k], later[k], contract))
    .map((k) => {
      const only = life.with.includes(k) ? ' (it may change only with a later status)' : '';
      const text = `expected ${show(a[k])} as seen in ${earlier.at}, received ${show(later[k])}${only}`;
      return violation(NAME, pointer(at, k), text, a[k], later[k]);
    });
  return [...stateViolations(earlier, later, at, contract), ...fields];
}
