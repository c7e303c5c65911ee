import type { ErrorObject } from 'ajv';
import { pointer, show, type Violation } from './violation.js';

/** Pointers remembered with their decoded tokens (a token used again is a key the engine has looked up before): at
 * most this many, each at most MAX_POINTER_CHARS long (a hostile key is split again rather than kept). */
const MAX_POINTERS = 1_000;
const MAX_POINTER_CHARS = 256;
const tokensOf = new Map<string, readonly string[]>();

/** The decoded reference tokens of a JSON pointer (RFC 6901), split once per pointer. */
function tokens(ptr: string): readonly string[] {
  let found = tokensOf.get(ptr);
  if (found === undefined) {
    const raw = ptr === '' ? [] : ptr.slice(1).split('/');
    found = raw.map((t) => (t.includes('~') ? t.replace(/~1/g, '/').replace(/~0/g, '~') : t));
    if (ptr.length > MAX_POINTER_CHARS) return found;
    if (tokensOf.size >= MAX_POINTERS) tokensOf.clear();
    tokensOf.set(ptr, found);
  }
  return found;
}

/** Reads the value a pointer names inside data (undefined when it is absent). */
export function valueAt(data: unknown, ptr: string): unknown {
  let node: unknown = data;
  for (const token of tokens(ptr)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

const enumTexts = new WeakMap<unknown[], string>();
/** An enum's values as `a|b|null`, joined once per schema (Ajv hands the schema's own array). */
function enumText(values: unknown[]): string {
  let text = enumTexts.get(values);
  if (text === undefined) {
    text = values.map((v) => (v === null ? 'null' : String(v))).join('|');
    enumTexts.set(values, text);
  }
  return text;
}

/** What the rule wanted, in the words a report should use. */
function expectation(e: ErrorObject): { rule: string; expected: unknown; text: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { rule: 'required', expected: 'present', text: 'is required by the contract but missing' };
    case 'pattern':
      return { rule: 'pattern', expected: p.pattern, text: `expected ${String(p.pattern)}` };
    case 'enum':
      return {
        rule: 'enum',
        expected: p.allowedValues,
        text: `expected one of ${enumText(p.allowedValues as unknown[])}`,
      };
    case 'const':
      return { rule: 'const', expected: p.allowedValue, text: `expected ${show(p.allowedValue)}` };
    case 'type':
      return { rule: 'type', expected: p.type, text: `expected type ${String(p.type)}` };
    case 'format':
      return { rule: 'format', expected: p.format, text: `expected format ${String(p.format)}` };
    case 'minLength':
    case 'maxLength':
      return {
        rule: e.keyword,
        expected: p.limit,
        text: `expected length ${e.keyword === 'minLength' ? '>=' : '<='} ${String(p.limit)}`,
      };
    case 'minimum':
    case 'maximum':
      return { rule: e.keyword, expected: p.limit, text: `expected ${String(p.comparison)} ${String(p.limit)}` };
    default:
      return { rule: e.keyword, expected: p, text: e.message ?? e.keyword };
  }
}

/** Up to this many errors (a broken receipt) lists are searched, cheaper than sets; past it (a broken page) sets. */
const FEW = 8;

/** Turns Ajv's errors into violations: one per rule broken, pointing at the field itself. */
export function schemaViolations(check: string, errors: ErrorObject[] | null | undefined, data: unknown): Violation[] {
  const out: Violation[] = [];
  const list = errors ?? [];
  const many = list.length > FEW;
  // A broken pattern already says the length is wrong; one line per field reads better.
  const patterned = many ? new Set(list.filter((e) => e.keyword === 'pattern').map((e) => e.instancePath)) : null;
  // `pointer rule` of each line given: Ajv may give one twice (a $ref reached by two paths)
  const seen = many ? new Set<string>() : null;
  const given: string[] = [];
  for (const e of list) {
    if (e.keyword === 'allOf' || e.keyword === 'if') continue; // the branch errors say it better
    const length = e.keyword === 'minLength' || e.keyword === 'maxLength';
    if (length && (patterned ? patterned.has(e.instancePath) : hasPattern(list, e.instancePath))) continue;
    const missing = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : null;
    const at = missing === null ? e.instancePath : pointer(e.instancePath, missing);
    const { rule, expected, text } = expectation(e);
    const key = `${at} ${rule}`;
    if (seen ? seen.has(key) : given.includes(key)) continue;
    if (seen) seen.add(key);
    else given.push(key);
    const actual = missing === null ? valueAt(data, at) : undefined;
    const received = missing === null ? `, received ${show(actual)}` : '';
    out.push({ check, pointer: at, message: `${rule}: ${text}${received}`, expected, actual });
  }
  return out;
}

/** True when a pattern error is among the errors at that pointer. */
function hasPattern(errors: ErrorObject[], at: string): boolean {
  for (const e of errors) if (e.keyword === 'pattern' && e.instancePath === at) return true;
  return false;
}
