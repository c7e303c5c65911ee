import type { Exchange } from '../spec/checks/index.js';

/** Response headers a recording never keeps: they can carry session credentials. */
export const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-twilio-signature',
]);

/** One line of a recording: an exchange with what offline judging needs to know about its context. */
export interface RecordingLine {
  /** When the exchange ended (ISO 8601). */
  at: string;
  /** The Account SID of the Basic user (not a secret); null for an API key or no credentials. */
  account: string | null;
  /** Origin the target writes into links. */
  publicUrl: string;
  request: Exchange['request'];
  /** The response without `json` (it is parsed again from `text`). */
  response: Omit<Exchange['response'], 'json'>;
}

/** A recording line for an exchange: headers that may carry a credential dropped. */
export function toLine(exchange: Exchange, account: string | null, publicUrl: string): RecordingLine {
  const { json: _json, headers, ...response } = exchange.response;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name)));
  return {
    at: new Date().toISOString(),
    account,
    publicUrl,
    request: exchange.request,
    response: { ...response, headers: kept },
  };
}
