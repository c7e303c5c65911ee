import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import { readLifecycle } from './lifecycle.js';
import { schemaViolations } from './schema-violations.js';
import type { Contract, DocumentedHeader, SchemaName, SidField, TwilioErrorBody } from './contract-types.js';
import { compilePaths, type Operation, type OperationName, type PathParams, type Scope } from './paths.js';
import type { Violation } from './violation.js';

/** Where the contract lives; every consumer reads it through this module. */
export const SPEC_FILE = fileURLToPath(new URL('./receipts.openapi.yaml', import.meta.url));

type Json = Record<string, unknown>;

// ajv-formats is CommonJS: under NodeNext its default import is the plugin function itself.
const addFormats = ajvFormats as unknown as typeof ajvFormats.default;

const REF_PREFIX = '#/components/schemas/';

/** Rewrites OpenAPI component refs so that Ajv resolves them inside one `$defs` schema. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)
        ? `spec#/$defs/${v.slice(REF_PREFIX.length)}`
        : rewriteRefs(v);
  }
  return out;
}

/** Follows one local `$ref` (OpenAPI style) to its target inside the document. */
function deref(doc: Json, node: unknown): Json {
  let n = node as Json;
  while (n && typeof n.$ref === 'string') {
    n = (n.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Json>((acc, t) => acc[t] as Json, doc);
  }
  return n;
}

/** Loads the spec once and compiles it; a contract module for every consumer. */
export function loadContract(file = SPEC_FILE): Contract {
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  const components = doc.components as Json;
  const schemas = components.schemas as Record<string, Json>;
  // Each referenced schema compiled once as its own function, and the generated code not optimized: compiling the
  // five documented schemas takes a third of the time (about 45 ms instead of 130 in each worker, where the floor
  // of bench:suite compiles none), and validating a 50-receipt page is as fast (docs/benchmarks.md).
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    inlineRefs: false,
    code: { optimize: false },
  });
  addFormats(ajv);
  ajv.addKeyword('x-lifecycle'); // the status schema's lifecycle: a fact read below, not a validation keyword
  ajv.addSchema({ $id: 'spec', $defs: rewriteRefs(schemas) as Json });

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown): ValidateFunction => {
    const cached = compiled.get(key);
    if (cached) return cached;
    const fn = ajv.compile(rewriteRefs(schema) as Json);
    compiled.set(key, fn);
    return fn;
  };
  /** A named schema's validator, looked up by name alone (it is on every judged receipt's path). */
  const named = (name: SchemaName): ValidateFunction =>
    compiled.get(name) ?? compile(name, { $ref: `${REF_PREFIX}${name}` });
  const paths = compilePaths(doc);
  const receiptProps = schemas.ServiceReceipt.properties as Json;
  const fieldSchema = (field: string): Json => deref(doc, receiptProps[field]);
  const pageSizeSchema = deref(doc, (components.parameters as Json).PageSize).schema as Json;

  /** The documented error responses by HTTP status (400, 401, 404, 405, 429). */
  const errorResponses = new Map<number, Json | undefined>(); // read once per status: every error answer asks
  const errorResponse = (status: number): Json | undefined => {
    if (errorResponses.has(status)) return errorResponses.get(status);
    const op = paths.operation('ListServiceConversationMessageReceipt');
    const resp = (op.responses as Json)[String(status)];
    const found = resp ? deref(doc, resp) : undefined;
    errorResponses.set(status, found);
    return found;
  };

  /** Validates data against a schema compiled once under a key. */
  const check = (key: string, schema: unknown, data: unknown, name: string): Violation[] => {
    const fn = compile(key, schema);
    return fn(data) ? [] : schemaViolations(name, fn.errors, data);
  };
  const errors = {
    validate(status: number, data: unknown, name = 'error_body'): Violation[] {
      const resp = errorResponse(status);
      const schema = resp
        ? ((resp.content as Json)['application/json'] as Json).schema
        : { $ref: `${REF_PREFIX}TwilioError` };
      return check(`error:${resp ? status : 'any'}`, schema, data, name);
    },
    example(status: number): TwilioErrorBody {
      const resp = errorResponse(status);
      if (!resp) throw new Error(`the spec documents no error response for HTTP ${status}`);
      return ((resp.content as Json)['application/json'] as Json).example as TwilioErrorBody;
    },
    headers(status: number): DocumentedHeader[] {
      const headers = (errorResponse(status)?.headers ?? {}) as Record<string, Json>;
      return Object.entries(headers).map(([name, header]) => {
        const schema = deref(doc, header).schema as Json;
        const fn = compile(`header:${status}:${name}`, schema);
        // A header is text: an integer schema judges the number it spells.
        const read = (v: string): unknown => (schema.type === 'integer' && /^-?\d+$/.test(v) ? Number(v) : v);
        const rule = schema.description
          ? String(schema.description)
          : schema.pattern
            ? `a value matching /${String(schema.pattern)}/`
            : `a value of type ${String(schema.type)}`;
        return { name, required: deref(doc, header).required === true, rule, test: (value: string) => fn(read(value)) };
      });
    },
    documentedStatuses: (operationId: string): number[] =>
      Object.keys(paths.operation(operationId).responses).map(Number),
  };
  // A SID field's pattern, prefix and length, read once: the generated phase asks for them on every draw.
  const sidFacts = new Map<SidField, { pattern: RegExp; prefix: string | null; length: number }>();
  const sidFactsOf = (field: SidField) => {
    let facts = sidFacts.get(field);
    if (!facts) {
      const schema = fieldSchema(field);
      const source = schema.pattern as string;
      facts = {
        pattern: new RegExp(source),
        prefix: /^\^([A-Z]{2})\[/.exec(source)?.[1] ?? null,
        length: schema.maxLength as number,
      };
      sidFacts.set(field, facts);
    }
    return facts;
  };
  const sids = {
    fields: Object.keys(receiptProps).filter((f) =>
      /^\^[A-Z]{2}\[/.test(String(fieldSchema(f).pattern ?? '')),
    ) as SidField[],
    pattern: (field: SidField): RegExp => sidFactsOf(field).pattern,
    prefix: (field: SidField): string | null => sidFactsOf(field).prefix,
    length: (field: SidField): number => sidFactsOf(field).length,
  };
  const statusValues = (fieldSchema('status').enum as (string | null)[]).slice();
  return Object.freeze({
    doc,
    file,
    validate(name: SchemaName, data: unknown, checkName = 'schema'): Violation[] {
      const fn = named(name);
      return fn(data) ? [] : schemaViolations(checkName, fn.errors, data);
    },
    validator: named,
    sids,
    receipts: {
      dateFields: Object.keys(receiptProps).filter((f) => fieldSchema(f).format === 'date-time'),
      statusValues,
      lifecycle: readLifecycle(fieldSchema('status'), statusValues, Object.keys(receiptProps)),
    },
    paging: {
      pageSize: {
        min: pageSizeSchema.minimum as number,
        max: pageSizeSchema.maximum as number,
        default: pageSizeSchema.default as number,
      },
      listKey: deref(doc, (schemas.PageMeta.properties as Json).key).const as string,
    },
    errors,
    paths: { ...paths, productionOrigins: (doc.servers as { url: string }[]).map((s) => new URL(s.url).origin) },
  });
}

export type {
  Contract,
  DocumentedHeader,
  ErrorFacts,
  PagingFacts,
  PathFacts,
  ReceiptFacts,
  SchemaName,
  SidFacts,
  SidField,
  TwilioErrorBody,
} from './contract-types.js';
export type { Operation, OperationName, PathParams, Scope };
export type { Lifecycle, Status } from './lifecycle.js';

/** The contract, loaded and compiled once per process. */
export const contract: Contract = loadContract();
