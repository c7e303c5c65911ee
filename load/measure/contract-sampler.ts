import type { Client } from 'autocannon';
import { createAnswerJudge, type SampleContext } from './answer-judge.js';
import { createJudgeClock } from './judge-clock.js';
import { createVerdictMemo } from './verdict-memo.js';

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
  /** 2xx answers chosen for judging (each connection's first, then one in `every`) and left unjudged because judging
   * had used its share of the generator's time: a target faster than the judge. */
  readonly held: number;
  /** Sampled answers that broke the contract (any check of the registry). */
  readonly invalid: number;
  /** The first few violations, one line each, with the request. */
  readonly examples: string[];
}

const MAX_EXAMPLES = 5;

/** An answer chosen for judging, waiting for its body: its request's path, the status, the raw header list. */
interface Pending {
  path: string;
  status: number;
  raw: string[];
}

/** The Content-Type value of a flat [name, value, ...] header list (the only header a check reads of a 2xx answer). */
function contentTypeOf(raw: string[]): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2)
    if (raw[i].length === 12 && raw[i].toLowerCase() === 'content-type') return raw[i + 1];
  return undefined;
}

/** Header names in lower case, from http-parser-js's flat [name, value, ...] list. */
function headerRecord(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i].toLowerCase()] = raw[i + 1];
  return out;
}

/**
 * Judges each connection's first 2xx answer and then one in `every` (1: every answer), as long as judging keeps to its
 * share of the generator's time; the answers it cannot keep up with are counted (`held`), never silently skipped.
 */
export function createContractSampler(
  sc: SampleContext,
  every: number,
  onJudged?: (valid: boolean) => void,
): ContractSampler {
  const state = { seen: 0, sampled: 0, held: 0, invalid: 0, examples: [] as string[] };
  const judge = createAnswerJudge(sc);
  const memo = createVerdictMemo();
  const clock = createJudgeClock();
  /** The verdict: remembered for the very same answer, else judged in full if the clock allows; null: held. */
  const verdictOf = (p: Pending, body: string): string[] | null => {
    const type = contentTypeOf(p.raw);
    const known = memo.recall(p.path, p.status, type, body);
    if (known) return known;
    if (!clock.mayJudge()) return null;
    const lines = judge({ path: p.path, status: p.status, headers: headerRecord(p.raw) }, body);
    clock.spent();
    memo.keep(p.path, p.status, type, body, lines);
    return lines;
  };
  const judgeOne = (p: Pending, body: string): boolean => {
    const lines = verdictOf(p, body);
    if (lines === null) {
      state.held++;
      return true;
    }
    state.sampled++;
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
        pending = { path, status: statusCode, raw: headers };
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
    get held() {
      return state.held;
    },
    get invalid() {
      return state.invalid;
    },
    get examples() {
      return state.examples;
    },
  };
}
