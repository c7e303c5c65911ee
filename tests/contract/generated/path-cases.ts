import fc from 'fast-check';
import type { Contract, OperationName, SidField } from '../../../spec/contract.js';
import { always, either, type Plan } from './gen-case.js';
import type { Known } from './known.js';

/** A drawn path: its class of input and how the answer is judged. */
export interface PathValue { kind: string; path: string; plan: Plan }

/** The receipt field each path parameter's SID follows. */
const FIELD: Record<string, SidField> = { ChatServiceSid: 'chat_service_sid', ConversationSid: 'conversation_sid', MessageSid: 'message_sid', Sid: 'sid' };
const HEX = [...'0123456789abcdef'];

/** Fills a template with segments as given (already encoded, or deliberately broken). */
function rawPath(template: string, raw: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => raw[k]);
}

/** The parts of a SID value: prefix and hex digits, or null when the value is not SID-shaped (a unique name). */
function sidParts(contract: Contract, param: string, value: string): [string, string] | null {
  const field = FIELD[param];
  return field && contract.sidPattern(field).test(value) ? [value.slice(0, 2), value.slice(2)] : null;
}

/** Malformed values of a SID field: wrong length, another field's prefix, a non-hex digit, RESTler's `{}` and friends. */
function malformed(contract: Contract, field: SidField): fc.Arbitrary<string> {
  const prefix = contract.sidPrefix(field) ?? 'XX';
  const digits = contract.sidLength(field) - prefix.length;
  const others = Object.values(FIELD).map((f) => contract.sidPrefix(f)).filter((p): p is string => p !== null && p !== prefix);
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: n, maxLength: n });
  return fc.oneof(
    fc.integer({ min: 0, max: digits + 8 }).filter((n) => n !== digits).chain((n) => hex(n).map((h) => prefix + h)),
    fc.tuple(fc.constantFrom(...others), hex(digits)).map(([p, h]) => p + h),
    fc.tuple(hex(digits - 1), fc.constantFrom('g', 'z', '-', '_', 'G')).map(([h, c]) => prefix + h + c),
    fc.constantFrom('{}', 'null', 'undefined', '0', '*'),
  );
}

/** Path variants of one operation in one scope, from the known SIDs (see the README's table of path variants). */
export function pathValue(contract: Contract, known: Known, op: OperationName): fc.Arbitrary<PathValue> {
  const template = contract.op(op, known.scope);
  const ok = op === 'list' ? 'page' : 'receipt';
  // Fetch variants start from a listed receipt: without one there is nothing to vary (the caller skips them).
  return fc.constantFrom(...(known.receipts.length > 0 ? known.receipts : [''])).chain((sid) => {
    const params: Record<string, string> = op === 'fetch' ? { ...known.params, Sid: sid } : { ...known.params };
    const enc = Object.fromEntries(template.params.map((p) => [p, encodeURIComponent(params[p] ?? '')]));
    const canonical = rawPath(template.template, enc);
    const same: Plan = either(ok, 'rejected', { judgeAs: canonical });
    const hidden = (param: string): Plan => always(param === 'ConversationSid' ? 'hidden' : 'rejected');
    const at = (param: string, raw: string) => rawPath(template.template, { ...enc, [param]: raw });
    const param = fc.constantFrom(...template.params);
    const sidParam = fc.constantFrom(...template.params.filter((p) => sidParts(contract, p, params[p] ?? '')));
    const parents = template.params.filter((p) => p !== 'Sid');
    const variants: fc.Arbitrary<PathValue>[] = [
      fc.constant({ kind: 'trailing-slash', path: canonical + '/', plan: same }),
      fc.integer({ min: 1, max: canonical.split('/').length - 1 }).map((i) => {
        const parts = canonical.split('/');
        return { kind: 'double-slash', path: [...parts.slice(0, i), '', ...parts.slice(i)].join('/'), plan: same };
      }),
      fc.tuple(param, fc.nat()).map(([p, n]) => {
        const v = params[p];
        const j = n % v.length;
        const raw = encodeURIComponent(v.slice(0, j)) + '%' + v.charCodeAt(j).toString(16).toUpperCase().padStart(2, '0') + encodeURIComponent(v.slice(j + 1));
        return { kind: 'percent-encoded', path: at(p, raw), plan: same };
      }),
      fc.tuple(param, fc.constantFrom('%', '%zz', '%E0%A4%A')).map(([p, bad]) => ({ kind: 'bad-percent', path: at(p, enc[p] + bad), plan: always('rejected') })),
      sidParam.map((p) => ({ kind: 'hex-case', path: at(p, params[p].slice(0, 2) + params[p].slice(2).toUpperCase()), plan: either(ok, 'rejected', { judgeAs: canonical }) })),
      sidParam.map((p) => ({ kind: 'prefix-case', path: at(p, params[p].slice(0, 2).toLowerCase() + params[p].slice(2)), plan: hidden(p) })),
      param.chain((p) => malformed(contract, FIELD[p]).map((m) => ({ kind: 'malformed', path: at(p, encodeURIComponent(m)), plan: hidden(p) }))),
      fc.constantFrom(...parents).map((p) => ({ kind: 'empty-segment', path: at(p, ''), plan: always('rejected') })),
      param.chain((p) => fc.string({ unit: fc.constantFrom(...HEX), minLength: 32, maxLength: 32 }).map((h) => {
        const prefix = contract.sidPrefix(FIELD[p]) ?? '';
        const digits = h.slice(0, contract.sidLength(FIELD[p]) - prefix.length);
        return { kind: 'other-sid', path: at(p, prefix + digits), plan: always('hidden') };
      })),
    ];
    const swaps = swapParent(known, template.params, params, at);
    if (swaps.length > 0) variants.push(fc.constantFrom(...swaps));
    return fc.oneof(...variants);
  });
}

/** The known SIDs of the other scope in each position: another service's conversation, another conversation's message, another message's receipt. */
function swapParent(known: Known, names: string[], params: Record<string, string>, at: (p: string, raw: string) => string): PathValue[] {
  const f = known.foreign;
  if (!f) return [];
  const out: PathValue[] = [];
  for (const p of names) {
    const values = p === 'Sid' ? f.receipts : f.params[p] !== undefined ? [f.params[p]] : [];
    for (const v of values) if (v !== params[p]) out.push({ kind: 'swap-parent', path: at(p, encodeURIComponent(v)), plan: always('hidden') });
  }
  return out;
}

/** The swap-parent variants of the operation's canonical path (the first listed receipt on fetch): examples run first. */
export function swapExamples(contract: Contract, known: Known, op: OperationName): PathValue[] {
  const template = contract.op(op, known.scope);
  const params: Record<string, string> = op === 'fetch' ? { ...known.params, Sid: known.receipts[0] } : { ...known.params };
  const enc = Object.fromEntries(template.params.map((p) => [p, encodeURIComponent(params[p])]));
  return swapParent(known, template.params, params, (p, raw) => rawPath(template.template, { ...enc, [p]: raw }));
}
