import type { Client } from 'autocannon';
import { createAnswerJudge, type JudgedAnswer, type SampleContext } from './answer-judge.js';

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

const MAX_EXAMPLES = 5;

/** Header names in lower case, from http-parser-js's flat [name, value, ...] list. */
function headerRecord(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i].toLowerCase()] = raw[i + 1];
  return out;
}

/** Samples each connection's first 2xx answer and then one in `every`; the cost is paid only for sampled answers. */
export function createContractSampler(
  sc: SampleContext,
  every: number,
  onJudged?: (valid: boolean) => void,
): ContractSampler {
  const state = { seen: 0, sampled: 0, invalid: 0, examples: [] as string[] };
  const judge = createAnswerJudge(sc);
  const judgeOne = (p: JudgedAnswer, body: string): boolean => {
    state.sampled++;
    const lines = judge(p, body);
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
      let pending: JudgedAnswer | null = null;
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
