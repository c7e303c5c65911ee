type Json = Record<string, unknown>;

/** The validation-relevant facts of one field, normalised across OpenAPI 3.0 (nullable) and 3.1 (type arrays). */
export interface FieldFacts {
  type?: string;
  nullable: boolean;
  required: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  enum?: string;
  const?: unknown;
}

/** One place where our spec and Twilio's disagree: where (e.g. receipt.status), the property, both values. */
export interface SpecDifference {
  where: string;
  property: keyof FieldFacts;
  ours: unknown;
  twilio: unknown;
}

function resolve(doc: Json, node: unknown): Json {
  let n = (node ?? {}) as Json;
  while (typeof n.$ref === 'string')
    n = (n.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Json>((a, t) => a[t] as Json, doc);
  if (Array.isArray(n.allOf)) return n.allOf.reduce<Json>((acc, part) => ({ ...acc, ...resolve(doc, part) }), {});
  return n;
}

/** Normalises one field schema to the facts we compare. */
export function facts(doc: Json, node: unknown, required: boolean): FieldFacts {
  const s = resolve(doc, node);
  const types = ([] as unknown[]).concat(s.type ?? []);
  const enumValues = Array.isArray(s.enum) ? s.enum : undefined;
  const out: FieldFacts = {
    type: types.find((t) => t !== 'null') as string | undefined,
    nullable: s.nullable === true || types.includes('null') || (enumValues?.includes(null) ?? false),
    required,
  };
  for (const k of ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'format', 'const'] as const) {
    if (s[k] !== undefined) (out as unknown as Json)[k] = s[k];
  }
  if (enumValues)
    out.enum = enumValues
      .filter((v) => v !== null)
      .map(String)
      .sort()
      .join('|');
  return out;
}

/** Every field of an object schema, keyed `${prefix}.${field}`. */
function objectFields(doc: Json, schema: unknown, prefix: string): Map<string, FieldFacts> {
  const s = resolve(doc, schema);
  const required = new Set((s.required as string[] | undefined) ?? []);
  const out = new Map<string, FieldFacts>();
  for (const [name, sub] of Object.entries((s.properties as Json | undefined) ?? {}))
    out.set(`${prefix}.${name}`, facts(doc, sub, required.has(name)));
  return out;
}

/** All compared facts of a document, keyed by operationId-independent places (receipt.x, meta.x, param.X, path). */
export function specFacts(doc: Json): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const get = item.get as Json;
    const scope = path.startsWith('/v1/Services/') ? 'service' : 'default';
    out.set(`operation.${get.operationId as string}`, { nullable: false, required: true, const: path });
    const body = resolve(
      doc,
      ((resolve(doc, (get.responses as Json)['200']).content as Json)['application/json'] as Json).schema,
    );
    const props = (body.properties as Json | undefined) ?? {};
    const receipt = props.delivery_receipts ? (resolve(doc, props.delivery_receipts).items as Json) : body;
    for (const [k, v] of objectFields(doc, receipt, `${scope}-receipt`)) out.set(k, v);
    if (props.meta) for (const [k, v] of objectFields(doc, props.meta, 'meta')) out.set(k, v);
    for (const p of (get.parameters as unknown[]) ?? []) {
      const param = resolve(doc, p);
      out.set(`param.${param.name as string}`, facts(doc, param.schema, param.required === true));
    }
  }
  return out;
}

/** Every fact on which two documents disagree, field by field. */
export function compareSpecs(ours: Json, twilio: Json): SpecDifference[] {
  const a = specFacts(ours);
  const b = specFacts(twilio);
  const diffs: SpecDifference[] = [];
  for (const where of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const fa = (a.get(where) ?? {}) as Json;
    const fb = (b.get(where) ?? {}) as Json;
    for (const property of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
      if (JSON.stringify(fa[property]) !== JSON.stringify(fb[property])) {
        diffs.push({ where, property: property as keyof FieldFacts, ours: fa[property], twilio: fb[property] });
      }
    }
  }
  return diffs;
}
