import type { ErrorObject } from 'ajv';
import { pointer, show, type Violation } from './violation.js';

/** Reads the value a pointer names inside data (undefined when it is absent). */
export function valueAt(data: unknown, ptr: string): unknown {
  let node: unknown = data;
  // walk the tokens in place (no split): Ajv's paths are short and this runs for every violation
  for (let from = 1; from <= ptr.length;) {
    const end = ptr.indexOf('/', from) < 0 ? ptr.length : ptr.indexOf('/', from);
    const raw = ptr.slice(from, end);
    const token = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
    from = end + 1;
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

/** Turns Ajv's errors into violations: one per rule broken, pointing at the field itself. */
export function schemaViolations(check: string, errors: ErrorObject[] | null | undefined, data: unknown): Violation[] {
  const out: Violation[] = [];
  const list = errors ?? [];
  // A broken pattern already says the length is wrong; one line per field reads better.
  const patterned = list.filter((e) => e.keyword === 'pattern').map((e) => e.instancePath);
  const seen = new Set<string>();
  for (const e of list) {
    if (e.keyword === 'allOf' || e.keyword === 'if') continue; // the branch errors say it better
    if ((e.keyword === 'minLength' || e.keyword === 'maxLength') && patterned.includes(e.instancePath)) continue;
    const missing = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : null;
    const at = missing === null ? e.instancePath : pointer(e.instancePath, missing);
    const { rule, expected, text } = expectation(e);
    const key = `${at} ${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const actual = missing === null ? valueAt(data, at) : undefined;
    const received = missing === null ? `, received ${show(actual)}` : '';
    out.push({ check, pointer: at, message: `${rule}: ${text}${received}`, expected, actual });
  }
  return out;
}
