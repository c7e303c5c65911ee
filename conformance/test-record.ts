import { redact } from '../client/redact.js';
import type { Target } from '../client/settings.js';
import type { KnownEntry } from './known-deviations.js';
import { applyKnown } from './known-match.js';
import type { ExchangeRecord, RecordedViolation, TestRecord } from './record-types.js';

/** What a record is made from: a probe session's exchanges, violations and notes (the report does not import probes). */
export interface RecordSource {
  readonly api: { readonly target: Pick<Target, 'url' | 'publicUrl'> };
  readonly annotations: readonly { type: string; description: string }[];
  conformance(): { exchanges: ExchangeRecord[]; violations: RecordedViolation[] };
}

/** One test's record for the report: exchanges, violations marked known where an entry covers them, readings. */
export function testRecord(test: string, session: RecordSource, entries: readonly KnownEntry[]): TestRecord {
  const { exchanges, violations } = session.conformance();
  const target = { url: session.api.target.url, publicUrl: session.api.target.publicUrl };
  const annotations = session.annotations.map((a) => ({ ...a }));
  return { test, target, exchanges, violations: applyKnown(violations, entries), annotations };
}

/** The record as attachment text, redacted here: only the worker knows an embedded target's token. */
export function recordText(record: TestRecord, target: Pick<Target, 'accountSid' | 'authToken'>): string {
  return redact(JSON.stringify(record), target);
}
