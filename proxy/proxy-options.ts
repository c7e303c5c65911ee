import { defaultLimits } from '../client/api-limits.js';
import { checkBaseUrl } from '../client/base-url.js';
import { isLoopback } from '../client/loopback.js';
import { checkRemote } from '../client/remote-guard.js';
import { UsageError } from '../client/usage-error.js';

/** Options of createProxy(); only the target is required. */
export interface ProxyOptions {
  /** Base URL of the API to forward to: an origin, or an origin and a path prefix (a gateway's). */
  target: string;
  /** Base URL the target writes into links (default: the target's). */
  publicUrl?: string;
  port?: number;
  host?: string;
  /** Allows a non-loopback target or listening address. */
  allowRemote?: boolean;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** A JSONL file to record every exchange to. */
  record?: string;
  /** Adds `X-Contract-Violations: N` to every judged answer. */
  violationsHeader?: boolean;
  /** Where live lines go (default: stdout); they arrive redacted. */
  print?: (line: string) => void;
}

/** Options checked once, defaults filled in. */
export interface ProxySettings {
  /** Its pathname is the path prefix ('/' for none) every forwarded path goes under. */
  target: URL;
  publicUrl: string;
  port: number;
  host: string;
  timeoutMs: number;
  maxBodyBytes: number;
  /** How far a compressed body may inflate before reading stops (the client's own limit). */
  maxRatio: number;
  record: string | null;
  violationsHeader: boolean;
  print: (line: string) => void;
}

/** Defaults: the body limits of the contract suite's own client, a longer time limit (an application may be slow). */
export const PROXY_DEFAULTS = {
  port: 4020,
  host: '127.0.0.1',
  timeoutMs: 10_000,
  maxBodyBytes: defaultLimits.maxBodyBytes,
  maxRatio: defaultLimits.maxRatio,
};

/** A whole number within bounds, or a UsageError naming the setting. */
function whole(setting: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${setting}: got ${JSON.stringify(value)}; allowed: an integer from ${min} to ${max}`);
  return n;
}

/** Checks every option in one pass: loopback unless allowed, bounded limits. */
export function checkProxyOptions(o: ProxyOptions): Readonly<ProxySettings> {
  if (!o.target)
    throw new UsageError('--target is required: the origin of the API to forward to, e.g. http://127.0.0.1:4010');
  const base = checkBaseUrl('--target', o.target);
  // The proxy sends nothing of its own, so Twilio's production API needs only --allow-remote.
  checkRemote('--target', base, { allowRemote: Boolean(o.allowRemote), acceptTwilioCosts: true }, 'proxy');
  const host = o.host ?? PROXY_DEFAULTS.host;
  if (!isLoopback(host) && !o.allowRemote)
    throw new UsageError(
      `--host: got ${JSON.stringify(host)}; allowed: a loopback address (127.0.0.1, ::1), or add --allow-remote`,
    );
  return Object.freeze({
    target: new URL(base),
    publicUrl: o.publicUrl === undefined ? base : checkBaseUrl('--public-url', o.publicUrl),
    port: whole('--port', o.port, PROXY_DEFAULTS.port, 0, 65535),
    host,
    timeoutMs: whole('--timeout-ms', o.timeoutMs, PROXY_DEFAULTS.timeoutMs, 1, 600_000),
    maxBodyBytes: whole('--max-body-bytes', o.maxBodyBytes, PROXY_DEFAULTS.maxBodyBytes, 1, 100_000_000),
    maxRatio: PROXY_DEFAULTS.maxRatio,
    record: o.record ?? null,
    violationsHeader: Boolean(o.violationsHeader),
    print: o.print ?? ((line: string) => console.log(line)),
  });
}
