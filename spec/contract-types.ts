import type { Lifecycle } from './lifecycle.js';
import type { Operation, OperationName, PathParams, Scope } from './paths.js';
import type { Violation } from './violation.js';

/** Names of the schemas in components/schemas that consumers validate against. */
export type SchemaName = 'Receipt' | 'ServiceReceipt' | 'ReceiptPage' | 'ServiceReceiptPage' | 'TwilioError';
/** A documented Twilio error body. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}
/** A receipt field that holds a SID (its pattern is in the spec). */
export type SidField =
  | 'account_sid'
  | 'chat_service_sid'
  | 'conversation_sid'
  | 'message_sid'
  | 'sid'
  | 'participant_sid'
  | 'channel_message_sid';
/** A header documented for an error status: its name, the rule in words, and a test of a value. */
export interface DocumentedHeader {
  name: string;
  /** The spec marks it `required: true` (WWW-Authenticate on 401); an optional one (Retry-After) is judged when sent. */
  required: boolean;
  rule: string;
  test(value: string): boolean;
}

/** SID facts, read from the receipt schema's patterns. */
export interface SidFacts {
  /** The receipt fields whose values are SIDs with a fixed prefix, in the schema's order. */
  fields: readonly SidField[];
  /** The regular expression a SID field must match. */
  pattern(field: SidField): RegExp;
  /** The fixed two-letter prefix of a SID field (null for channel_message_sid, whose prefix varies). */
  prefix(field: SidField): string | null;
  /** The length every SID of the field has. */
  length(field: SidField): number;
}

/** Receipt facts beyond SIDs. */
export interface ReceiptFacts {
  /** Documented status values, null included where the documentation allows it. */
  statusValues: readonly (string | null)[];
  /** Fields that hold an RFC 3339 date-time: compared as instants (`Z` and `+00:00` are the same time). */
  dateFields: readonly string[];
  /** Which later copies of a receipt are a move forward (the status schema's x-lifecycle). */
  lifecycle: Lifecycle;
}

/** Paging facts: PageSize bounds and the list envelope's key. */
export interface PagingFacts {
  pageSize: { min: number; max: number; default: number };
  /** The list envelope's key, as documented in meta.key. */
  listKey: string;
}

/** Error facts: the documented error responses of the operations. */
export interface ErrorFacts {
  /** Validates an error body against the schema documented for its HTTP status (TwilioError when undocumented). */
  validate(status: number, data: unknown, check?: string): Violation[];
  /** The documented example error body for an HTTP status; throws for an undocumented one. */
  example(status: number): TwilioErrorBody;
  /** Headers documented for an error status (WWW-Authenticate on 401, Retry-After on 429). */
  headers(status: number): DocumentedHeader[];
  /** HTTP statuses with a documented response for an operation. */
  documentedStatuses(operationId: string): number[];
}

/** Path facts: the four GET operations, their templates, and the canonical receipt URL. */
export interface PathFacts {
  operations: readonly Operation[];
  /** The operation with that operationId. */
  operation(operationId: string): Operation;
  /** The list or fetch operation of a scope. */
  op(name: OperationName, scope: Scope): Operation;
  /** Fills a template; each value is percent-encoded as one path segment. */
  build(name: OperationName, scope: Scope, params: PathParams): string;
  /** Matches a raw (still percent-encoded) path to an operation and its raw parameter segments. */
  match(path: string): { op: Operation; raw: PathParams } | null;
  /** The canonical URL of a receipt: the fetch path of its scope filled with its own SIDs, at an origin. */
  receiptUrl(origin: string, receipt: Record<string, unknown>, scope: Scope): string;
  /** Origins of Twilio's production API, from the spec's servers. */
  productionOrigins: readonly string[];
}

/** The contract, loaded and compiled once: every consumer reads the spec's facts through this, grouped by topic. */
export interface Contract {
  /** The parsed spec document and its file. */
  doc: Record<string, unknown>;
  file: string;
  /** Validates data against a named schema; one violation per rule broken (empty: valid). */
  validate(name: SchemaName, data: unknown, check?: string): Violation[];
  /** The compiled validator of a named schema, compiled once: true when data is valid (no violation built). */
  validator(name: SchemaName): (data: unknown) => boolean;
  sids: SidFacts;
  receipts: ReceiptFacts;
  paging: PagingFacts;
  errors: ErrorFacts;
  paths: PathFacts;
}
