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
