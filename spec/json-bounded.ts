/** Nesting shown by `preview` before a value is elided: enough for any receipt, far from the stack limit. */
const PREVIEW_DEPTH = 8;
/** Nodes `jsonEqual` visits at most: a 1 MB body holds fewer, so a real comparison never reaches it. */
const EQUAL_NODES = 2_000_000;

/** JSON text of a value cut near `max` characters, nesting elided past a fixed depth: never throws or recurses deep. */
export function preview(value: unknown, max: number): string {
  const out = { text: '' };
  write(value, 0, out, max + 1);
  return out.text;
}

/** Appends one value to out.text until it holds `limit` characters. */
function write(v: unknown, depth: number, out: { text: string }, limit: number): void {
  if (out.text.length >= limit) return;
  if (v === null || typeof v !== 'object') {
    out.text += scalar(v, limit - out.text.length);
    return;
  }
  if (depth >= PREVIEW_DEPTH) {
    out.text += Array.isArray(v) ? '[…]' : '{…}';
    return;
  }
  const array = Array.isArray(v);
  out.text += array ? '[' : '{';
  let first = true;
  // for…in stops with the budget: a huge object or array is never copied whole
  for (const key in v) {
    if (out.text.length >= limit) return;
    if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
    out.text += (first ? '' : ',') + (array ? '' : scalar(key, limit - out.text.length) + ':');
    first = false;
    write((v as Record<string, unknown>)[key], depth + 1, out, limit);
  }
  out.text += array ? ']' : '}';
}

/** A scalar as JSON (a string cut to the budget first, so a 1 MB string is not escaped whole). */
function scalar(v: unknown, budget: number): string {
  if (typeof v === 'string') return jsonString(v.length > budget ? v.slice(0, budget) : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  return 'null';
}

/** What JSON.stringify escapes in a string: a quote, a backslash, a control character, a surrogate (if lone). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string; one with nothing to escape (most values shown) is quoted without the serializer. */
function jsonString(s: string): string {
  return ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Deep equality of JSON values without recursion (an explicit stack): a 100 000-deep value compares like a flat one. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > EQUAL_NODES) return false; // beyond any body the client accepts: not provably equal
    const [x, y] = stack.pop() as [unknown, unknown];
    if (Object.is(x, y)) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    for (const k of kx) {
      if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

/** JSON.parse that never throws: the parsed value, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
