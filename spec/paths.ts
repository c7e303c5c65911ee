type Json = Record<string, unknown>;

/** list: a page of receipts; fetch: one receipt. */
export type OperationName = 'list' | 'fetch';
/** service: a non-default Conversation Service (/v1/Services/{ChatServiceSid}/…); default: the account's default one. */
export type Scope = 'service' | 'default';
/** Path parameters by their names in the spec (ChatServiceSid, ConversationSid, MessageSid, Sid). */
export type PathParams = Record<string, string>;

/** One GET operation of the spec with its path template. */
export interface Operation {
  operationId: string;
  name: OperationName;
  scope: Scope;
  template: string;
  /** Path parameter names in template order. */
  params: string[];
  responses: Json;
  regex: RegExp;
}

/** The receipt field each path parameter names: a receipt's SIDs fill its own fetch path. */
export const RECEIPT_FIELD_OF: Readonly<
  Record<string, 'chat_service_sid' | 'conversation_sid' | 'message_sid' | 'sid'>
> = Object.freeze({
  ChatServiceSid: 'chat_service_sid',
  ConversationSid: 'conversation_sid',
  MessageSid: 'message_sid',
  Sid: 'sid',
});

/** Letters and digits only, as every SID: its own percent-encoding (this test costs a fraction of the encoding). */
const UNRESERVED = /^[A-Za-z0-9]*$/;

/** A value as one percent-encoded path segment. */
function segment(value: unknown): string {
  return typeof value === 'string' && UNRESERVED.test(value) ? value : encodeURIComponent(String(value));
}

/** Reads the four operations from the spec's paths and gives templates, builders and a matcher. */
export function compilePaths(doc: Json) {
  const operations: Operation[] = Object.entries(doc.paths as Record<string, Json>).map(([template, item]) => {
    const get = item.get as Json;
    const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const name: OperationName = template.endsWith('}') ? 'fetch' : 'list'; // an instance path ends in its own id
    const scope: Scope = template.startsWith('/v1/Services/') ? 'service' : 'default';
    const regex = new RegExp('^' + template.replace(/\{\w+\}/g, '([^/]+)') + '$');
    return {
      operationId: get.operationId as string,
      name,
      scope,
      template,
      params,
      responses: get.responses as Json,
      regex,
    };
  });

  const find = (name: OperationName, scope: Scope): Operation => {
    const op = operations.find((o) => o.name === name && o.scope === scope);
    if (!op) throw new Error(`the spec has no ${scope} ${name} operation`);
    return op;
  };

  /** Fills a template; each value is percent-encoded as one path segment. */
  const buildPath = (name: OperationName, scope: Scope, params: PathParams): string =>
    find(name, scope).template.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (params[key] === undefined) throw new Error(`path parameter ${key} is missing`);
      return encodeURIComponent(params[key]);
    });

  // The fetch templates split at their parameters once: a receipt's canonical URL is built for every judged receipt.
  const fetchParts = (scope: Scope): { text: string[]; fields: string[] } => {
    const op = find('fetch', scope);
    return { text: op.template.split(/\{\w+\}/), fields: op.params.map((p) => RECEIPT_FIELD_OF[p]) };
  };
  const receiptParts = { service: fetchParts('service'), default: fetchParts('default') };

  return {
    operations,
    /** The operation with that operationId. */
    operation(operationId: string): Operation {
      const op = operations.find((o) => o.operationId === operationId);
      if (!op) throw new Error(`the spec has no operation ${operationId}`);
      return op;
    },
    /** The list or fetch operation of a scope. */
    op: find,
    build: buildPath,
    /** Matches a raw (still percent-encoded) path to an operation and its raw parameter segments. */
    match(path: string): { op: Operation; raw: PathParams } | null {
      for (const op of operations) {
        const m = op.regex.exec(path);
        if (m) return { op, raw: Object.fromEntries(op.params.map((p, i) => [p, m[i + 1]])) };
      }
      return null;
    },
    /** The canonical URL of a receipt: the fetch path of its scope filled with its own SIDs, at an origin. */
    receiptUrl(origin: string, receipt: Record<string, unknown>, scope: Scope): string {
      const { text, fields } = receiptParts[scope];
      let out = origin + text[0];
      for (let i = 0; i < fields.length; i++) out += segment(receipt[fields[i]]) + text[i + 1];
      return out;
    },
  };
}
