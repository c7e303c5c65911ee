import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuthMode } from '../spec/checks/index.js';
import type { RecordingLine } from './recording-line.js';
import { parseJson } from '../spec/json-bounded.js';
import { UsageError } from '../client/usage-error.js';
import { bounded, type TrafficEntry } from './traffic-entry.js';

const AUTH_MODES: readonly AuthMode[] = ['valid', 'none', 'wrong-token', 'other-account'];

/** Why a parsed line is not a recording line, or null when it is one. */
function problem(line: Partial<RecordingLine> | null): string | null {
  if (!line || typeof line !== 'object') return 'is not a JSON object';
  const { request: q, response: r } = line;
  if (!q || typeof q.method !== 'string' || typeof q.path !== 'string' || !q.path.startsWith('/'))
    return 'has no request {method, path}';
  if (!AUTH_MODES.includes(q.auth))
    return `has request.auth ${JSON.stringify(q.auth)}; allowed: ${AUTH_MODES.join(', ')}`;
  if (!r || !Number.isInteger(r.status) || typeof r.text !== 'string' || typeof r.headers !== 'object' || !r.headers)
    return 'has no response {status, headers, text}';
  if (typeof line.publicUrl !== 'string') return 'has no publicUrl';
  return null;
}

/** The exchanges of a JSONL recording, one a line (blank lines skipped); a bad line stops with its number. */
export async function* readRecording(file: string, cap: number): AsyncGenerator<TrafficEntry> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    const line = parseJson(raw) as RecordingLine | undefined;
    const why = problem(line ?? null);
    if (why || !line) throw new UsageError(`${file} line ${n} ${why ?? 'is not JSON'}`);
    const body = line.response.error ? { text: line.response.text } : bounded(line.response.text, cap);
    const response = { ...line.response, ...body, json: body.error ? undefined : parseJson(body.text) };
    yield {
      exchange: { request: line.request, response },
      account: line.account ?? null,
      publicUrl: line.publicUrl,
      at: `line ${n}`,
    };
  }
}
