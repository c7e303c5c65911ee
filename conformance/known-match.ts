import type { KnownEntry } from './known-deviations.js';
import type { RecordedViolation } from './record-types.js';

/** Today's date as YYYY-MM-DD (UTC): the day expiry is judged against. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** True when an entry's last accepted day is before today. */
export function isExpired(entry: KnownEntry, day = today()): boolean {
  return entry.expires !== undefined && entry.expires < day;
}

/** True when a pointer matches a pattern segment by segment, `*` standing for any one segment. */
export function pointerMatches(pattern: string, pointer: string): boolean {
  const want = pattern.split('/');
  const got = pointer.split('/');
  return want.length === got.length && want.every((seg, i) => seg === '*' || seg === got[i]);
}

/** True when an entry covers a violation: same check, and operation, scope and pointer where the entry names them. */
export function covers(
  entry: KnownEntry,
  v: Pick<RecordedViolation, 'check' | 'operation' | 'scope' | 'pointer'>,
): boolean {
  return (
    entry.check === v.check &&
    (entry.operation === undefined || entry.operation === v.operation) &&
    (entry.scope === undefined || entry.scope === v.scope) &&
    (entry.pointer === undefined || pointerMatches(entry.pointer, v.pointer))
  );
}

/** Marks each violation with the first unexpired entry covering it; an expired entry covers nothing. */
export function applyKnown(
  violations: RecordedViolation[],
  entries: readonly KnownEntry[],
  day = today(),
): RecordedViolation[] {
  return violations.map((v) => {
    const at = entries.findIndex((e) => !isExpired(e, day) && covers(e, v));
    return at < 0 ? v : { ...v, known: at };
  });
}
