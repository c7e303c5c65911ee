import { preview } from './json-bounded.js';

/** One departure from the contract: which check saw it, where (RFC 6901 pointer), and the evidence. */
export interface Violation {
  check: string;
  pointer: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The request that produced it, e.g. `GET /v1/Services/IS…/Receipts?PageSize=2`. */
  request?: string;
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and further tokens: pointer('/a', 0, 'b') is '/a/0/b'. */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + pointerToken(t)).join('');
}

const MAX_VALUE_CHARS = 120;

/** Renders a value for a message: JSON, shortened so one field never floods a report; bounded, never throws. */
export function show(value: unknown, max = MAX_VALUE_CHARS): string {
  if (value === undefined) return 'nothing';
  const text = preview(value, max);
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/** Characters shown before the first difference, so that the part that differs is never cut off. */
const DIFF_CONTEXT = 24;

/** Renders a received text from shortly before where it first differs from the expected one, bounded like show(). */
export function showDifference(received: string, expected: string, max = MAX_VALUE_CHARS): string {
  let at = 0;
  while (at < received.length && received[at] === expected[at]) at++;
  const start = Math.max(0, at - DIFF_CONTEXT);
  return start === 0 ? show(received, max) : `…${show(received.slice(start), max)} (from character ${start + 1})`;
}

/** `[check] /pointer: message (request)`: the one line a user reads. */
export function formatViolation(v: Violation): string {
  const where = v.pointer === '' ? '(response)' : v.pointer; // an empty pointer is about the whole answer
  return `[${v.check}] ${where}: ${v.message}${v.request ? ` (${v.request})` : ''}`;
}

/** Builds a violation with the usual fields. */
export function violation(check: string, at: string, message: string, expected?: unknown, actual?: unknown): Violation {
  return { check, pointer: at, message, expected, actual };
}
