import type { Client } from 'autocannon';
import { contract } from '../../spec/contract.js';
import { judgeExchange, type CheckContext, type Exchange } from '../../spec/checks/index.js';
import { formatViolation } from '../../spec/violation.js';
import { redact, secretForms, type Secret } from '../../client/redact.js';

/** What autocannon's client passes to its 'headers' event (http-parser-js's info object). */
interface HeadersInfo {
  statusCode: number;
  headers: string[];
}
// autocannon internals used here: the pending request queue (to name the request) and the per-client verifyBody hook.
interface ClientInternals {
  opts: { verifyBody?: (body: string) => boolean };
  pipelinedRequests: { peek(): { req?: { path?: string } } | undefined };
}

/** Judges a sample of 2xx answers with the check registry while load runs; invalid ones are autocannon "mismatches". */
export interface ContractSampler {
  /** Hook for autocannon's `setupClient`. */
  attach(client: Client): void;
  /** Bodies validated so far. */
  readonly sampled: number;
  /** Sampled answers that broke the contract (any check of the registry). */
  readonly invalid: number;
  /** The first few violations, one line each, with the request. */
  readonly examples: string[];
}

/** What an answer should be (the registry's context, from the operation), and the secret to redact. */
export interface SampleContext {
  operation: 'fetch' | 'list';
  publicUrl: string;
  accountSid: string;
  secret: Secret;
  /** The target's path prefix ('' for none): a sampled request's path is judged without it, as the spec's path. */
  basePath?: string;
}

const MAX_EXAMPLES = 5;
/** Bodies longer than this are not parsed: the meter cuts answers at a larger size; this bounds the sampler itself. */
export const MAX_SAMPLE_CHARS = 8 << 20;

/** A sampled answer waiting for its body: the request's path, the status and the headers. */
interface Pending {
  path: string;
  status: number;
  headers: Record<string, string>;
}

/** Header names in lower case, from http-parser-js's flat [name, value, ...] list. */
function headerRecord(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i].toLowerCase()] = raw[i + 1];
  return out;
}

/** One sampled answer as the registry's Exchange; its text redacted first, so no excerpt can cut a secret in half. */
function exchangeOf(answer: Pending, body: string, secret: Secret, forms: string[]): Exchange {
  const { path, status, headers } = answer;
  const request = { method: 'GET', path, auth: 'valid' as const };
  if (body.length > MAX_SAMPLE_CHARS) {
    const error = `body larger than ${MAX_SAMPLE_CHARS} characters`;
    return { request, response: { status, headers, text: '', error } };
  }
  // the forms are known once per run; the full redaction runs only on a text that holds one, or any Basic value
  const clean = (t: string): string => (forms.some((f) => t.includes(f)) || /basic\s/i.test(t) ? redact(t, secret) : t);
  const text = clean(body);
  for (const name of Object.keys(headers)) headers[name] = clean(headers[name]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { request, response: { status, headers, text, json } };
}

const MAX_ROUTES = 10_000;
const routes = new Map<string, ReturnType<typeof contract.paths.match>>();
/** contract.paths.match remembered per path: rotation repeats a few thousand paths, and matching is a regex walk. */
function rememberedMatch(path: string): ReturnType<typeof contract.paths.match> {
  let m = routes.get(path);
  if (m === undefined) {
    if (routes.size >= MAX_ROUTES) routes.clear();
    m = contract.paths.match(path);
    routes.set(path, m);
  }
  return m;
}
/** The contract the sampler judges with: the same in every way but the remembered path match. */
const judged: typeof contract = Object.create(contract, {
  paths: { value: Object.create(contract.paths, { match: { value: rememberedMatch } }) as typeof contract.paths },
}) as typeof contract;

/** The registry's verdict as lines; a check that throws (a value too deep to show) is a failed sample, not a crash. */
function verdict(exchange: Exchange, ctx: CheckContext): string[] {
  const request = `${exchange.request.method} ${exchange.request.path}`;
  try {
    return judgeExchange(exchange, judged, ctx).map(formatViolation);
  } catch (err) {
    const why = `${(err as Error).message}; nested too deep?`;
    return [`[response_json] (response): the answer could not be judged (${why}) (${request})`];
  }
}

/** Samples each connection's first 2xx answer and then one in `every`; the cost is paid only for sampled answers. */
export function createContractSampler(
  sc: SampleContext,
  every: number,
  onJudged?: (valid: boolean) => void,
): ContractSampler {
  const state = { seen: 0, sampled: 0, invalid: 0, examples: [] as string[] };
  const expect = sc.operation === 'list' ? 'page' : 'receipt';
  const ctx: CheckContext = { publicUrl: sc.publicUrl, accountSid: sc.accountSid, expect };
  const forms = secretForms(sc.secret);
  const judgeOne = (p: Pending, body: string): boolean => {
    state.sampled++;
    const lines = verdict(exchangeOf(p, body, sc.secret, forms), ctx);
    onJudged?.(lines.length === 0);
    if (lines.length === 0) return true;
    state.invalid++;
    for (const line of lines) {
      if (state.examples.length < MAX_EXAMPLES && !state.examples.includes(line)) state.examples.push(line);
    }
    return false;
  };
  return {
    attach(client: Client) {
      const internals = client as unknown as ClientInternals;
      let first = true;
      let pending: Pending | null = null;
      // decide at the headers, so unsampled responses cost one counter increment
      client.on('headers', (info) => {
        const { statusCode, headers } = info as unknown as HeadersInfo;
        pending = null;
        if (statusCode < 200 || statusCode > 299 || (!first && ++state.seen % every !== 0)) return;
        first = false;
        const sent = internals.pipelinedRequests.peek()?.req?.path ?? '?';
        const path = sc.basePath && sent.startsWith(sc.basePath) ? sent.slice(sc.basePath.length) : sent;
        pending = { path, status: statusCode, headers: headerRecord(headers) };
      });
      internals.opts.verifyBody = (body: string) => {
        const p = pending;
        pending = null;
        return p === null || judgeOne(p, body);
      };
    },
    get sampled() {
      return state.sampled;
    },
    get invalid() {
      return state.invalid;
    },
    get examples() {
      return state.examples;
    },
  };
}
