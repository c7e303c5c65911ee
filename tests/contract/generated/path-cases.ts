import fc from 'fast-check';
import type { Contract, OperationName, SidField } from '../../../spec/contract.js';
import { always, either, type Plan } from './gen-case.js';
import type { Known } from './known.js';

/** A drawn path: its class of input and how the answer is judged. */
export interface PathValue {
  kind: string;
  path: string;
  plan: Plan;
}

/** The receipt field each path parameter's SID follows. */
const FIELD: Record<string, SidField> = {
  ChatServiceSid: 'chat_service_sid',
  ConversationSid: 'conversation_sid',
  MessageSid: 'message_sid',
  Sid: 'sid',
};
const HEX = [...'0123456789abcdef'];

/** `make` for each key built once: fc.chain calls it on every draw, and building an arbitrary costs more than drawing. */
function once<T>(make: (key: string) => fc.Arbitrary<T>): (key: string) => fc.Arbitrary<T> {
  const built = new Map<string, fc.Arbitrary<T>>();
  return (key) => {
    let arb = built.get(key);
    if (!arb) built.set(key, (arb = make(key)));
    return arb;
  };
}

/** Fills a template with segments as given (already encoded, or deliberately broken). */
function rawPath(template: string, raw: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => raw[k]);
}

/** The parts of a SID value: prefix and hex digits, or null when the value is not SID-shaped (a unique name). */
function sidParts(contract: Contract, param: string, value: string): [string, string] | null {
  const field = FIELD[param];
  return field && contract.sids.pattern(field).test(value) ? [value.slice(0, 2), value.slice(2)] : null;
}

/** Malformed values of a SID field: wrong length, another field's prefix, a non-hex digit, RESTler's `{}` etc. */
function malformed(contract: Contract, field: SidField): fc.Arbitrary<string> {
  const prefix = contract.sids.prefix(field) ?? 'XX';
  const digits = contract.sids.length(field) - prefix.length;
  const others = Object.values(FIELD)
    .map((f) => contract.sids.prefix(f))
    .filter((p): p is string => p !== null && p !== prefix);
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: n, maxLength: n });
  return fc.oneof(
    fc
      .integer({ min: 0, max: digits + 8 })
      .filter((n) => n !== digits)
      .chain((n) => hex(n).map((h) => prefix + h)),
    fc.tuple(fc.constantFrom(...others), hex(digits)).map(([p, h]) => p + h),
    fc.tuple(hex(digits - 1), fc.constantFrom('g', 'z', '-', '_', 'G')).map(([h, c]) => prefix + h + c),
    fc.constantFrom('{}', 'null', 'undefined', '0', '*'),
  );
}

/** A canonical path and how to vary one segment of it. */
interface PathBase {
  params: Record<string, string>;
  canonical: string;
  /** The path with one parameter's segment replaced by raw (already encoded) text. */
  at(param: string, raw: string): string;
  names: string[];
  ok: 'page' | 'receipt';
}

/** The canonical path of an operation for the known message (and receipt `sid` on fetch). */
function pathBase(contract: Contract, known: Known, op: OperationName, sid: string): PathBase {
  const template = contract.paths.op(op, known.scope);
  const params: Record<string, string> = op === 'fetch' ? { ...known.params, Sid: sid } : { ...known.params };
  const enc = Object.fromEntries(template.params.map((p) => [p, encodeURIComponent(params[p] ?? '')]));
  const at = (param: string, raw: string) => rawPath(template.template, { ...enc, [param]: raw });
  const ok = op === 'list' ? 'page' : 'receipt';
  return { params, canonical: rawPath(template.template, enc), at, names: template.params, ok };
}

/** One character of a value percent-encoded (upper-case hex, as RFC 3986 prefers). */
function percentOne(value: string, n: number): string {
  const j = n % value.length;
  const code = value.charCodeAt(j).toString(16).toUpperCase().padStart(2, '0');
  return encodeURIComponent(value.slice(0, j)) + '%' + code + encodeURIComponent(value.slice(j + 1));
}

/** Other spellings of the same path: the same answer (judged as the canonical request) or a 4xx. */
function spellings(contract: Contract, b: PathBase): fc.Arbitrary<PathValue>[] {
  const same: Plan = either(b.ok, 'rejected', { judgeAs: b.canonical });
  const parts = b.canonical.split('/');
  const sidParams = b.names.filter((p) => sidParts(contract, p, b.params[p]));
  const out: fc.Arbitrary<PathValue>[] = [
    fc.constant({ kind: 'trailing-slash', path: b.canonical + '/', plan: same }),
    fc.integer({ min: 1, max: parts.length - 1 }).map((i) => {
      const path = [...parts.slice(0, i), '', ...parts.slice(i)].join('/');
      return { kind: 'double-slash', path, plan: same };
    }),
    fc.tuple(fc.constantFrom(...b.names), fc.nat()).map(([p, n]) => {
      return { kind: 'percent-encoded', path: b.at(p, percentOne(b.params[p], n)), plan: same };
    }),
  ];
  if (sidParams.length === 0) return out;
  const upper = (p: string) => b.params[p].slice(0, 2) + b.params[p].slice(2).toUpperCase();
  return [
    ...out,
    fc.constantFrom(...sidParams).map((p) => ({ kind: 'hex-case', path: b.at(p, upper(p)), plan: same })),
  ];
}

/** Segments no resource has: a 4xx for a malformed SID; 404 or an empty page for a conversation (a unique name?). */
function strangers(contract: Contract, b: PathBase): fc.Arbitrary<PathValue>[] {
  const refused = (p: string): Plan => always(p === 'ConversationSid' ? 'hidden' : 'rejected');
  const param = fc.constantFrom(...b.names);
  const sidParams = b.names.filter((p) => sidParts(contract, p, b.params[p]));
  const lower = (p: string) => b.params[p].slice(0, 2).toLowerCase() + b.params[p].slice(2);
  const wellFormed = (p: string) => {
    const prefix = contract.sids.prefix(FIELD[p]) ?? '';
    const digits = contract.sids.length(FIELD[p]) - prefix.length;
    return fc.string({ unit: fc.constantFrom(...HEX), minLength: digits, maxLength: digits }).map((h) => prefix + h);
  };
  const out: fc.Arbitrary<PathValue>[] = [
    fc.tuple(param, fc.constantFrom('%', '%zz', '%E0%A4%A')).map(([p, bad]) => {
      return { kind: 'bad-percent', path: b.at(p, encodeURIComponent(b.params[p]) + bad), plan: always('rejected') };
    }),
    param.chain(
      once((p) =>
        malformed(contract, FIELD[p]).map((m) => ({
          kind: 'malformed',
          path: b.at(p, encodeURIComponent(m)),
          plan: refused(p),
        })),
      ),
    ),
    fc
      .constantFrom(...b.names.filter((p) => p !== 'Sid'))
      .map((p) => ({ kind: 'empty-segment', path: b.at(p, ''), plan: always('rejected') })),
    param.chain(
      once((p) => wellFormed(p).map((sid) => ({ kind: 'other-sid', path: b.at(p, sid), plan: always('hidden') }))),
    ),
  ];
  if (sidParams.length === 0) return out;
  return [
    ...out,
    fc.constantFrom(...sidParams).map((p) => ({ kind: 'prefix-case', path: b.at(p, lower(p)), plan: refused(p) })),
  ];
}

/** Path variants of one operation in one scope, from the known SIDs (see the README's table of families). */
export function pathValue(contract: Contract, known: Known, op: OperationName): fc.Arbitrary<PathValue> {
  const variantsOf = once((sid) => {
    const b = pathBase(contract, known, op, sid);
    const swaps = swapParent(known, b);
    const variants = [...spellings(contract, b), ...strangers(contract, b)];
    return fc.oneof(...variants, ...(swaps.length > 0 ? [fc.constantFrom(...swaps)] : []));
  });
  // Fetch variants start from a listed receipt: without one there is nothing to vary (the caller skips them).
  return fc.constantFrom(...(known.receipts.length > 0 ? known.receipts : [''])).chain(variantsOf);
}

/** The other scope's SIDs in each position: another service's conversation, message, and receipts. */
function swapParent(known: Known, b: PathBase): PathValue[] {
  const f = known.foreign;
  if (!f) return [];
  return b.names.flatMap((p) => {
    const values = p === 'Sid' ? f.receipts : f.params[p] !== undefined ? [f.params[p]] : [];
    return values
      .filter((v) => v !== b.params[p])
      .map((v) => ({ kind: 'swap-parent', path: b.at(p, encodeURIComponent(v)), plan: always('hidden') }));
  });
}

/** The swap-parent variants of the canonical path (the first listed receipt on fetch): run as examples first. */
export function swapExamples(contract: Contract, known: Known, op: OperationName): PathValue[] {
  return swapParent(known, pathBase(contract, known, op, known.receipts[0] ?? ''));
}
