import type { Violation } from '../spec/violation.js';

/** The name of the attachment each contract test carries its record in (the reporter reads it back). */
export const CONFORMANCE_ATTACHMENT = 'conformance';

/** The operations and scopes a report row is keyed by, as the spec names them. */
export type RowOperation = 'list' | 'fetch';
export type RowScope = 'service' | 'default';

/** One judged exchange: which operation and scope it addressed, and which checks applied to it. */
export interface ExchangeRecord {
  request: string;
  operation: RowOperation;
  scope: RowScope;
  applied: string[];
}

/** A violation with the row it belongs to and, when an entry of the known file covers it, that entry's index. */
export interface RecordedViolation extends Violation {
  operation: RowOperation;
  scope: RowScope;
  known?: number;
}

/** What one contract test attaches: its exchanges, violations (known ones marked) and readings; already redacted. */
export interface TestRecord {
  test: string;
  target: { url: string; publicUrl: string };
  exchanges: ExchangeRecord[];
  violations: RecordedViolation[];
  annotations: { type: string; description: string }[];
}
