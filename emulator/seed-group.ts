/** The largest group the seed may write as a pattern (a group conversation of a few hundred is already long). */
export const MAX_GROUP = 10_000;

type Node = Record<string, unknown>;

/** Stops loading with a message that names the place in the YAML (the seed compiler's own format). */
function fail(where: string, message: string): never {
  throw new Error(`seed ${where}: ${message}`);
}

/** An RFC 3339 date-time plus some seconds, written as the seed writes dates. */
function plus(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A group message of the seed: one receipt per participant (`name`-1 … `name`-N), written as a pattern instead of N
 * lines. Receipt i is created `i` seconds after `created` and takes entry i of `cycle` (modulo its length): status,
 * channel, error_code, and `updated` as seconds after its creation (null: never updated). The receipts it returns are
 * checked like any other.
 */
export function expandGroup(node: unknown, where: string): Node[] {
  const g = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Node) : null;
  if (!g) fail(where, 'expected a mapping with participants, name, created and cycle');
  const { participants: n, name, created, cycle } = g;
  if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_GROUP)
    fail(`${where}.participants`, `expected an integer from 1 to ${MAX_GROUP}`);
  if (typeof name !== 'string' || name === '') fail(`${where}.name`, 'expected a name');
  if (typeof created !== 'string' || Number.isNaN(Date.parse(created)))
    fail(`${where}.created`, `expected an RFC 3339 date-time, got ${JSON.stringify(created)}`);
  if (!Array.isArray(cycle) || cycle.length === 0) fail(`${where}.cycle`, 'expected a list of receipt patterns');
  return Array.from({ length: n as number }, (_, i) => {
    const at = `${where}.cycle[${i % cycle.length}]`;
    const p = cycle[i % cycle.length] as Node;
    if (p === null || typeof p !== 'object') fail(at, 'expected a mapping');
    const { updated, ...rest } = p;
    if (updated !== null && !(Number.isInteger(updated) && (updated as number) >= 0))
      fail(`${at}.updated`, 'expected seconds after creation (an integer from 0) or null');
    const made = plus(created, i);
    return {
      ...rest,
      participant: `${name}-${i + 1}`,
      created: made,
      updated: updated === null ? null : plus(made, updated as number),
    };
  });
}
