import { contract } from '../../spec/contract.js';
import { judgeExchange, type CheckContext, type Exchange } from '../../spec/checks/index.js';
import { formatViolation } from '../../spec/violation.js';
import { cleanHeaders, cleanJson, redactorFor, type Redactor, type Secret } from '../../client/redact.js';

/** What an answer should be (the registry's context, from the operation), and the secret to redact. */
export interface SampleContext {
  operation: 'fetch' | 'list';
  publicUrl: string;
  accountSid: string;
  secret: Secret;
  /** The target's path prefix ('' for none): a sampled request's path is judged without it, as the spec's path. */
  basePath?: string;
}

/** One 2xx answer as the load tool holds it: its request's path (the spec's), the status, headers in lower case. */
export interface JudgedAnswer {
  path: string;
  status: number;
  headers: Record<string, string>;
}

/** Judges one answer's body with the whole check registry; returns the violation lines (none: it holds). */
export type AnswerJudge = (answer: JudgedAnswer, body: string) => string[];

/** Bodies longer than this are not parsed: the meter cuts answers at a larger size; this bounds the sampler itself. */
export const MAX_SAMPLE_CHARS = 8 << 20;

/** One answer as the registry's Exchange, its text, parsed strings and header values through the redaction first. */
function exchangeOf(answer: JudgedAnswer, body: string, redactor: Redactor): Exchange {
  const { path, status } = answer;
  const request = { method: 'GET', path, auth: 'valid' as const };
  const headers = cleanHeaders(answer.headers, redactor);
  if (body.length > MAX_SAMPLE_CHARS) {
    const error = `body larger than ${MAX_SAMPLE_CHARS} characters`;
    return { request, response: { status, headers, text: '', error } };
  }
  const text = redactor.redact(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { request, response: { status, headers, text, json: cleanJson(json, text, redactor) } };
}

/** The registry's verdict as lines; a check that throws (a value too deep to show) is a failed answer, not a crash. */
function verdict(exchange: Exchange, ctx: CheckContext): string[] {
  try {
    const found = judgeExchange(exchange, contract, ctx);
    return found.length === 0 ? [] : found.map(formatViolation);
  } catch (err) {
    const request = `${exchange.request.method} ${exchange.request.path}`;
    const why = `${(err as Error).message}; nested too deep?`;
    return [`[response_json] (response): the answer could not be judged (${why}) (${request})`];
  }
}

/** The load tool's judge of one answer: the whole registry, request-aware, every form of the secret redacted. */
export function createAnswerJudge(sc: SampleContext): AnswerJudge {
  const expect = sc.operation === 'list' ? 'page' : 'receipt';
  const ctx: CheckContext = { publicUrl: sc.publicUrl, accountSid: sc.accountSid, expect };
  // the redaction runs before judging, so no excerpt can show a secret or cut one in half; it costs one search of
  // the text for the inner forms of the secret and the word Basic, and returns the text itself when it holds none
  const redactor = redactorFor(sc.secret);
  return (answer, body) => verdict(exchangeOf(answer, body, redactor), ctx);
}
