import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ExchangeResponse } from '../spec/checks/index.js';
import { decodeBody, readBounded } from './bounded-body.js';
import { parseJson } from './traffic-entry.js';

/** Limits of one request: time for the whole answer, size of the body after decompression. */
export interface FetchLimits {
  timeoutMs: number;
  maxBodyBytes: number;
}

/** GETs a URL once (no redirect followed), bounded in time and size; a transport failure is `error`, never a throw. */
export function getBounded(
  url: string,
  headers: Record<string, string>,
  limits: FetchLimits,
): Promise<ExchangeResponse> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const failed = (e: Error): void => resolve({ status: 0, headers: {}, text: '', error: e.message.split('\n')[0] });
    const req = send(url, { method: 'GET', headers: { ...headers, 'accept-encoding': 'identity' } });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      failed(e);
    });
    req.on('response', (res) => {
      const flat = Object.fromEntries(
        Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
      );
      readBounded(res, limits.maxBodyBytes)
        .then((raw) => {
          clearTimeout(timer);
          const text = decodeBody(raw, flat['content-encoding'], limits.maxBodyBytes);
          resolve({ status: res.statusCode ?? 0, headers: flat, text, json: parseJson(text) });
        })
        .catch((e: Error) => {
          clearTimeout(timer);
          req.destroy();
          failed(e);
        });
    });
    req.end();
  });
}
