/** A receipt status value: one of the spec's enum, null included. */
export type Status = string | null;

/** The lifecycle of a receipt's status, as the spec's `x-lifecycle` states it: which later copies are a move forward. */
export interface Lifecycle {
  /** Where the lifecycle comes from, as the spec quotes it. */
  source: string;
  /** The date field that moves strictly later with every change of state. */
  date: string;
  /** Fields that may change together with the state, and only with it. */
  with: readonly string[];
  /** The states a status may move to directly, in the spec's order (none: a terminal state). */
  next(status: Status): readonly Status[];
  /** Every later state of a status: its transitions followed any number of times. */
  later(status: Status): readonly Status[];
  /** True when `to` is a later state than `from` (both documented values; anything else is never later). */
  isLater(from: unknown, to: unknown): boolean;
}

type Json = Record<string, unknown>;

/** Stops loading the contract: the spec's lifecycle is malformed (a fact of the contract cannot be guessed). */
function broken(why: string): never {
  throw new Error(`spec: x-lifecycle of the status schema ${why}`);
}

/** Reads `x-lifecycle` of the status schema, checked against the status values and the receipt's fields. */
export function readLifecycle(status: Json, values: readonly Status[], fields: readonly string[]): Lifecycle {
  const x = status['x-lifecycle'] as Json | undefined;
  if (!x || typeof x !== 'object') broken('is missing');
  const { source, date, transitions } = x;
  const moving = (x.with ?? []) as unknown[];
  if (typeof source !== 'string' || source === '') broken('needs a source');
  if (typeof date !== 'string' || !fields.includes(date)) broken(`date must name a receipt field`);
  if (!Array.isArray(moving) || moving.some((f) => typeof f !== 'string' || !fields.includes(f)))
    broken('with must list receipt fields');
  if (!Array.isArray(transitions)) broken('needs a list of transitions');
  const next = new Map<Status, Status[]>(values.map((v) => [v, []]));
  for (const t of transitions as unknown[]) {
    const pair = Array.isArray(t) && t.length === 2 ? (t as Status[]) : null;
    if (!pair || !pair.every((s) => values.includes(s)) || pair[0] === pair[1])
      broken(`has a transition that is not two different status values: ${JSON.stringify(t)}`);
    next.get(pair[0])!.push(pair[1]);
  }
  const later = new Map<Status, Status[]>(values.map((v) => [v, reachable(v, next)]));
  for (const v of values) if (later.get(v)!.includes(v)) broken(`has a cycle through ${JSON.stringify(v)}`);
  return Object.freeze({
    source,
    date,
    with: Object.freeze(moving as string[]),
    next: (s: Status) => next.get(s) ?? [],
    later: (s: Status) => later.get(s) ?? [],
    isLater: (from: unknown, to: unknown) =>
      values.includes(from as Status) && (later.get(from as Status) ?? []).includes(to as Status),
  });
}

/** The states reachable from one along the transitions (breadth first, each once). */
function reachable(from: Status, next: Map<Status, Status[]>): Status[] {
  const out: Status[] = [];
  const queue = [...(next.get(from) ?? [])];
  while (queue.length > 0) {
    const s = queue.shift() as Status;
    if (out.includes(s)) continue;
    out.push(s);
    queue.push(...(next.get(s) ?? []));
  }
  return out;
}
