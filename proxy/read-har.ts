import { readFileSync, statSync } from 'node:fs';
import type { SecretsSeen } from './credentials.js';
import { readCredentials } from './credentials.js';
import { parseJson } from '../spec/json-bounded.js';
import { UsageError } from '../client/usage-error.js';
import { bounded, type TrafficEntry } from './traffic-entry.js';

/** The largest HAR file read (it is one JSON document, read whole). */
export const MAX_HAR_BYTES = 500 * 1024 * 1024;

interface HarHeader {
  name: string;
  value: string;
}
interface HarEntry {
  request?: { method?: string; url?: string; headers?: HarHeader[] };
  response?: { status?: number; headers?: HarHeader[]; content?: { text?: string; encoding?: string } };
}

/** Header list to the lower-case record the checks read. */
function headerRecord(list: HarHeader[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list ?? []) {
    const name = String(h.name).toLowerCase();
    out[name] = out[name] === undefined ? String(h.value) : `${out[name]}, ${String(h.value)}`;
  }
  return out;
}

/** The body of a HAR response: its text, decoded when the HAR stored it as base64; null when it was not kept. */
function bodyText(content: { text?: string; encoding?: string } | undefined): string | null {
  if (typeof content?.text !== 'string') return null;
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

/** One HAR entry as traffic; null when its body was not kept (a HAR recorded without content cannot be judged). */
function entryOf(
  e: HarEntry,
  i: number,
  file: string,
  cap: number,
  seen: SecretsSeen,
  publicUrl?: string,
): TrafficEntry | null {
  const at = `entry ${i}`;
  let url: URL;
  try {
    url = new URL(String(e.request?.url));
  } catch {
    throw new UsageError(`${file} ${at} has no absolute request.url`);
  }
  if (!Number.isInteger(e.response?.status)) throw new UsageError(`${file} ${at} has no response.status`);
  const text = bodyText(e.response?.content);
  if (text === null) return null;
  const creds = readCredentials(headerRecord(e.request?.headers).authorization);
  seen.remember(creds.secret);
  const body = bounded(text, cap);
  const status = e.response?.status as number;
  // A browser records a failed request as status 0: no complete answer arrived.
  const error = status === 0 ? 'no complete response (status 0 in the HAR)' : body.error;
  const response = {
    status,
    headers: headerRecord(e.response?.headers),
    text: body.text,
    json: error ? undefined : parseJson(body.text),
    ...(error ? { error } : {}),
  };
  const request = { method: String(e.request?.method ?? 'GET'), path: url.pathname + url.search, auth: creds.auth };
  return { exchange: { request, response }, account: creds.accountSid, publicUrl: publicUrl ?? url.origin, at };
}

/** The exchanges of a HAR file (browser devtools, Playwright's recordHar), and how many had no body to judge. */
export function readHar(
  file: string,
  cap: number,
  seen: SecretsSeen,
  publicUrl?: string,
): { entries: TrafficEntry[]; withoutBody: number } {
  if (statSync(file).size > MAX_HAR_BYTES)
    throw new UsageError(`${file} is larger than ${MAX_HAR_BYTES} bytes; split it or record JSONL with the proxy`);
  const doc = parseJson(readFileSync(file, 'utf8')) as { log?: { entries?: HarEntry[] } } | undefined;
  const list = doc?.log?.entries;
  if (!Array.isArray(list)) throw new UsageError(`${file} is not a HAR file (no log.entries)`);
  const entries: TrafficEntry[] = [];
  let withoutBody = 0;
  list.forEach((e, i) => {
    const entry = entryOf(e, i, file, cap, seen, publicUrl);
    if (entry) entries.push(entry);
    else withoutBody++;
  });
  return { entries, withoutBody };
}
