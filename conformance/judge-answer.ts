import { contract } from '../spec/contract.js';
import type { Exchange } from '../spec/checks/index.js';
import { parseJson } from '../spec/json-bounded.js';
import type { Violation } from '../spec/violation.js';
import { judgeTraffic } from './judge-traffic.js';
import { cleanHeaders, cleanJson, redactorFor, type Redactor } from '../client/redact.js';

/** One HTTP answer to a GET of a receipts operation, as a user's own test got it (any client). */
export interface HttpAnswer {
  /** The URL requested: the receipts list or fetch, at the target's base URL. */
  url: string;
  status: number;
  /** Response headers (any case). */
  headers: Record<string, string>;
  body: string;
  /** The method sent (default GET; the contract describes GET only). */
  method?: string;
}

/** Who asked and where links must point: what the checks compare an answer with. */
export interface AnswerContext {
  /** The base URL the target writes into links (TARGET_PUBLIC_URL; a Target's publicUrl). */
  publicUrl: string;
  /** The Account SID the request authenticated as; null when it sent none (a 401 is then expected). */
  accountSid: string | null;
  /** The token the request sent, when known (a Target has it): the answer is judged, and shown, without it. */
  authToken?: string;
}

/** The redaction of a context's credentials (of Basic values only, when it names no token). */
export function redactorOf(context: AnswerContext): Redactor {
  const { accountSid, authToken } = context;
  return redactorFor(authToken ? { accountSid: accountSid ?? '', authToken } : null);
}

/**
 * Judges one answer with every check, as the validating proxy judges traffic: a 2xx must be the receipt or page of
 * its path, any other status a documented rejection. Throws for a URL the contract does not describe.
 */
export function judge(answer: HttpAnswer, context: AnswerContext): Violation[] {
  const url = new URL(answer.url);
  // a gateway's prefix (the public URL's path) is not part of the operation's path
  const prefix = new URL(context.publicUrl).pathname.replace(/\/+$/, '');
  const path = prefix && url.pathname.startsWith(prefix + '/') ? url.pathname.slice(prefix.length) : url.pathname;
  // redacted before it is judged, so no excerpt can show the credentials or cut them in half
  const redactor = redactorOf(context);
  const text = redactor.redact(answer.body);
  const lower = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const headers = cleanHeaders(lower, redactor);
  const exchange: Exchange = {
    request: {
      method: answer.method ?? 'GET',
      path: path + url.search,
      auth: context.accountSid === null ? 'none' : 'valid',
    },
    response: { status: answer.status, headers, text, json: cleanJson(parseJson(text), text, redactor) },
  };
  const verdict = judgeTraffic(exchange, contract, context);
  if (!verdict) throw new Error(`${exchange.request.method} ${path} is not an operation of the receipts contract`);
  return verdict.violations;
}
