import type { Client } from 'autocannon';
import { contract, type SchemaName } from '../spec/contract.js';
import { formatViolation } from '../spec/violation.js';

/** What autocannon's client passes to its 'headers' event (http-parser-js's info object). */
interface HeadersInfo { statusCode: number; headers: string[] }
// autocannon internals used here: the pending request queue (to name the request) and the per-client verifyBody hook.
interface ClientInternals { opts: { verifyBody?: (body: string) => boolean }; pipelinedRequests: { peek(): { req?: { path?: string } } | undefined } }

/** Validates a sample of 2xx bodies against the contract while load runs; invalid ones are autocannon "mismatches". */
export interface SampleValidator {
  /** Hook for autocannon's `setupClient`. */
  attach(client: Client): void;
  /** Bodies validated so far. */
  readonly sampled: number;
  /** Sampled bodies that broke the contract (not JSON, wrong content type, or schema violations). */
  readonly invalid: number;
  /** The first few failures, one line each, with the request. */
  readonly examples: string[];
}

const MAX_EXAMPLES = 5;

/** Finds a header in http-parser-js's flat [name, value, ...] list. */
function header(raw: string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) return raw[i + 1];
  return undefined;
}

/** Samples each connection's first 2xx body and then one in `every`; the cost is paid only for sampled bodies. */
export function createSampleValidator(schema: SchemaName, every: number): SampleValidator {
  const state = { seen: 0, sampled: 0, invalid: 0, examples: [] as string[] };
  const fail = (message: string): boolean => {
    state.invalid++;
    if (state.examples.length < MAX_EXAMPLES && !state.examples.includes(message)) state.examples.push(message);
    return false;
  };
  const judge = (body: string, path: string, contentType: string | undefined): boolean => {
    state.sampled++;
    const request = `GET ${path}`;
    if (!contentType?.toLowerCase().startsWith('application/json')) return fail(`[content_type] (headers): expected application/json, received ${JSON.stringify(contentType ?? null)} (${request})`);
    let data: unknown;
    try { data = JSON.parse(body); } catch { return fail(`[json] (body): not JSON: ${JSON.stringify(body.slice(0, 80))} (${request})`); }
    const violations = contract.validate(schema, data);
    return violations.length === 0 || fail(formatViolation({ ...violations[0], request }));
  };
  return {
    attach(client: Client) {
      const internals = client as unknown as ClientInternals;
      let first = true;
      let pending: { path: string; contentType: string | undefined } | null = null;
      // decide at the headers, so unsampled responses cost one counter increment
      client.on('headers', (info) => {
        const { statusCode, headers } = info as unknown as HeadersInfo;
        pending = null;
        if (statusCode < 200 || statusCode > 299 || (!first && ++state.seen % every !== 0)) return;
        first = false;
        pending = { path: internals.pipelinedRequests.peek()?.req?.path ?? '?', contentType: header(headers, 'content-type') };
      });
      internals.opts.verifyBody = (body: string) => {
        const p = pending;
        pending = null;
        return p === null || judge(body, p.path, p.contentType);
      };
    },
    get sampled() { return state.sampled; },
    get invalid() { return state.invalid; },
    get examples() { return state.examples; },
  };
}
