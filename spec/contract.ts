import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import { schemaViolations } from './schema-violations.js';
import { compilePaths, type Operation, type OperationName, type PathParams, type Scope } from './paths.js';
import type { Violation } from './violation.js';

/** Where the contract lives; every consumer reads it through this module. */
export const SPEC_FILE = fileURLToPath(new URL('./receipts.openapi.yaml', import.meta.url));

type Json = Record<string, unknown>;
/** Names of the schemas in components/schemas that consumers validate against. */
export type SchemaName = 'Receipt' | 'ServiceReceipt' | 'ReceiptPage' | 'ServiceReceiptPage' | 'TwilioError';
/** A documented Twilio error body. */
export interface TwilioErrorBody { code: number; message: string; more_info: string; status: number }
/** A receipt field that holds a SID (its pattern is in the spec). */
export type SidField = 'account_sid' | 'chat_service_sid' | 'conversation_sid' | 'message_sid' | 'sid' | 'participant_sid' | 'channel_message_sid';

// ajv-formats is CommonJS: under NodeNext its default import is the plugin function itself.
const addFormats = ajvFormats as unknown as typeof ajvFormats.default;

const REF_PREFIX = '#/components/schemas/';

/** Rewrites OpenAPI component refs so that Ajv resolves them inside one `$defs` schema. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX) ? `spec#/$defs/${v.slice(REF_PREFIX.length)}` : rewriteRefs(v);
  }
  return out;
}

/** Follows one local `$ref` (OpenAPI style) to its target inside the document. */
function deref(doc: Json, node: unknown): Json {
  let n = node as Json;
  while (n && typeof n.$ref === 'string') {
    n = (n.$ref as string).slice(2).split('/').reduce<Json>((acc, t) => acc[t] as Json, doc);
  }
  return n;
}

/** Loads the spec once and compiles it; a contract module for every consumer. */
export function loadContract(file = SPEC_FILE) {
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  const components = doc.components as Json;
  const schemas = components.schemas as Record<string, Json>;
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'spec', $defs: rewriteRefs(schemas) as Json });

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown): ValidateFunction => {
    const cached = compiled.get(key);
    if (cached) return cached;
    const fn = ajv.compile(rewriteRefs(schema) as Json);
    compiled.set(key, fn);
    return fn;
  };
  const paths = compilePaths(doc);
  const receiptProps = schemas.ServiceReceipt.properties as Json;
  const fieldSchema = (field: string): Json => deref(doc, receiptProps[field]);
  const pageSizeSchema = deref(doc, (components.parameters as Json).PageSize).schema as Json;

  /** The documented error responses by HTTP status (400, 401, 404, 405, 429). */
  const errorResponse = (status: number): Json | undefined => {
    const op = paths.operation('ListServiceConversationMessageReceipt');
    const resp = (op.responses as Json)[String(status)];
    return resp ? deref(doc, resp) : undefined;
  };

  return {
    doc,
    file,
    ...paths,
    /** Validates data against a named schema; returns one violation per rule broken (empty: valid). */
    validate(name: SchemaName, data: unknown, check = 'schema'): Violation[] {
      const fn = compile(name, { $ref: `${REF_PREFIX}${name}` });
      return fn(data) ? [] : schemaViolations(check, fn.errors, data);
    },
    /** Validates an error body against the schema documented for that HTTP status (TwilioError when undocumented). */
    validateError(status: number, data: unknown, check = 'error_body'): Violation[] {
      const resp = errorResponse(status);
      const schema = resp ? ((resp.content as Json)['application/json'] as Json).schema : { $ref: `${REF_PREFIX}TwilioError` };
      const fn = compile(`error:${resp ? status : 'any'}`, schema);
      return fn(data) ? [] : schemaViolations(check, fn.errors, data);
    },
    /** The documented example error body for an HTTP status (code, message, more_info, status). */
    errorExample(status: number): TwilioErrorBody {
      const resp = errorResponse(status);
      if (!resp) throw new Error(`the spec documents no error response for HTTP ${status}`);
      return ((resp.content as Json)['application/json'] as Json).example as TwilioErrorBody;
    },
    /** Headers documented for an error status (WWW-Authenticate on 401, Retry-After on 429): name, rule in words, and a test of a value. */
    errorHeaders(status: number): { name: string; rule: string; test(value: string): boolean }[] {
      const headers = (errorResponse(status)?.headers ?? {}) as Record<string, Json>;
      return Object.entries(headers).map(([name, header]) => {
        const schema = deref(doc, header).schema as Json;
        const fn = compile(`header:${status}:${name}`, schema);
        // A header is text: an integer schema judges the number it spells.
        const read = (v: string): unknown => (schema.type === 'integer' && /^-?\d+$/.test(v) ? Number(v) : v);
        const rule = schema.pattern ? `a value matching /${String(schema.pattern)}/` : `a value of type ${String(schema.type)}`;
        return { name, rule, test: (value: string) => fn(read(value)) };
      });
    },
    /** HTTP statuses with a documented error response for an operation. */
    documentedStatuses(operationId: string): number[] {
      return Object.keys(paths.operation(operationId).responses as Json).map(Number);
    },
    /** The regular expression a SID field must match. */
    sidPattern(field: SidField): RegExp {
      return new RegExp(fieldSchema(field).pattern as string);
    },
    /** The fixed two-letter prefix of a SID field (null for channel_message_sid, whose prefix varies). */
    sidPrefix(field: SidField): string | null {
      return /^\^([A-Z]{2})\[/.exec(fieldSchema(field).pattern as string)?.[1] ?? null;
    },
    /** The length every SID has. */
    sidLength(field: SidField): number {
      return fieldSchema(field).maxLength as number;
    },
    /** Receipt fields that hold an RFC 3339 date-time: compared as instants (`Z` and `+00:00` are the same time). */
    dateFields: Object.keys(receiptProps).filter((f) => fieldSchema(f).format === 'date-time'),
    /** Documented status values, null included where the documentation allows it. */
    statusValues: (fieldSchema('status').enum as (string | null)[]).slice(),
    /** PageSize bounds and default. */
    pageSize: { min: pageSizeSchema.minimum as number, max: pageSizeSchema.maximum as number, default: pageSizeSchema.default as number },
    /** The list envelope's key, as documented in meta.key. */
    listKey: (deref(doc, (schemas.PageMeta.properties as Json).key).const as string),
    /** Origins of Twilio's production API, from the spec's servers. */
    productionOrigins: (doc.servers as { url: string }[]).map((s) => new URL(s.url).origin),
  };
}

/** The loaded contract. */
export type Contract = ReturnType<typeof loadContract>;
export type { Operation, OperationName, PathParams, Scope };

/** The contract, loaded and compiled once per process. */
export const contract: Contract = loadContract();
