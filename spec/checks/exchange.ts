import type { Contract, Operation, OperationName, Scope } from '../contract.js';
import type { Violation } from '../violation.js';

/**
 * Which credentials a request carried: the target's, none, a wrong token, another account's SID with the target's
 * token, or a second account's own valid credentials (other-tenant: TARGET_OTHER_*).
 */
export type AuthMode = 'valid' | 'none' | 'wrong-token' | 'other-account' | 'other-tenant' | MalformedAuth;
/** Malformed Authorization headers the generated phase sends: another scheme, not base64, no colon, an empty token. */
export type MalformedAuth = 'bearer' | 'not-base64' | 'no-colon' | 'empty-token';

/** What was sent: the path (with query) relative to the target's origin, never the credentials. */
export interface ExchangeRequest {
  method: string;
  /** Path and query as sent, e.g. `/v1/Services/IS…/Receipts?PageSize=2`. */
  path: string;
  auth: AuthMode;
}

/** What came back; `error` is set when no complete HTTP response arrived (timeout, closed connection, too large). */
export interface ExchangeResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body; undefined when the body is not JSON. */
  json?: unknown;
  error?: string;
}

/** One request and its response: what every check judges. */
export interface Exchange {
  request: ExchangeRequest;
  response: ExchangeResponse;
  /** The 429s the client got for this request before its final response (each retried, or the one it gave up on):
   * each is judged as an answer too (expectation `throttled`), so a gateway's HTML 429 page is named. */
  throttled?: ExchangeResponse[];
}

/**
 * What the probe expects from this exchange:
 * receipt/page: a 200 with one receipt / one page; unauthorized: 401; not_found: 404; rejected: any 4xx;
 * hidden: 404 or an empty page; page_size: PageSize outside its bounds (4xx, or clamped where the docs allow it);
 * page_token: a PageToken the server never issued (the documented 400); other_tenant: another account's request for
 * this account's receipts (401, 403, 404 or an empty page); throttled: a 429 the client got before its final answer
 * (Twilio's 429 error, like any other error answer).
 */
export type Expectation =
  | 'receipt'
  | 'page'
  | 'unauthorized'
  | 'not_found'
  | 'rejected'
  | 'hidden'
  | 'page_size'
  | 'page_token'
  | 'other_tenant'
  | 'throttled';

/** A copy of a receipt seen before, and where: the request that returned it (e.g. `GET …/Receipts?PageSize=50`). */
export interface SeenCopy {
  receipt: Record<string, unknown>;
  at: string;
}

/** A page walk in progress: the reference order of receipt SIDs, where this page should start, and pages seen. */
export interface WalkState {
  expected: string[];
  position: number;
  /** Paths (with query) of the pages requested before this one. */
  visited: string[];
  /** True when `expected` is the whole collection, so the walk must end exactly at its end. */
  complete: boolean;
}

/** Everything a check may know beyond the exchange itself; set by the probe that made the request. */
export interface CheckContext {
  /** Origin the target writes into links (TARGET_PUBLIC_URL). */
  publicUrl: string;
  /** The authenticated account (TARGET_ACCOUNT_SID). */
  accountSid: string;
  expect: Expectation;
  /**
   * Copies of receipts seen before (discovery's pages, a list), by sid: a receipt of this answer (a fetch: the one its
   * path asks for) must equal its copy, or have moved forward along the spec's lifecycle.
   */
  known?: ReadonlyMap<string, SeenCopy>;
  walk?: WalkState;
  /** The page a followed link must reproduce: which link, and the receipt SIDs of that page. */
  reproduce?: { link: string; sids: string[] };
  /** The index of the page this answer must be, when the probe knows it (counted along next_page_url from 0). */
  page?: number;
  /** The PageSize the probe asked for, when it knows it (a followed link need not spell it). */
  pageSize?: number;
}

type Json = Record<string, unknown>;

/** The operation a path addresses and its decoded path parameters (undefined where the encoding is broken). */
export interface Route {
  op: Operation;
  scope: Scope;
  params: Record<string, string | undefined>;
}

/** An exchange parsed once for every check: its route, query, JSON object body, meta and receipts. */
export interface Judged extends Exchange {
  /** null for a path outside the spec. */
  route: Route | null;
  query: URLSearchParams;
  /** The body when it is a JSON object, else null. */
  body: Json | null;
  /** The list envelope's meta object, else null. */
  meta: Json | null;
  /** The receipts of a 200 with their pointers: the body of a fetch, the object items of a list. */
  receipts: { receipt: Json; at: string }[];
  /** The receipt SIDs of a 200 list, in order (non-strings skipped). */
  sids: string[];
}

/** Context a check needs from the probe: a walk in progress, a copy seen before, a page a link must reproduce. */
export type Need = 'walk' | 'known' | 'reproduce';

/** When a check applies; every condition given must hold, an absent one is no condition. */
export interface Applies {
  /** Only to these probe expectations. */
  expect?: readonly Expectation[];
  /** Only to paths of this operation. */
  operation?: OperationName;
  /** ok: HTTP 200; error: an HTTP status from 400 up. */
  status?: 'ok' | 'error';
  /** Only when the probe gave this context. */
  needs?: readonly Need[];
  /** Only when the request's query has this parameter. */
  query?: string;
  /** Only to exchanges that got no complete response (every other check needs one). */
  failed?: true;
}

/** A named pure check: judges one parsed exchange against the contract; empty means it holds. */
export interface Check {
  name: string;
  /** One line: what it holds (the README's table of checks is compared with this). */
  holds: string;
  /** Which exchanges it judges; judge() hands it no other. */
  applies: Applies;
  run(exchange: Judged, contract: Contract, ctx: CheckContext): Violation[];
}
