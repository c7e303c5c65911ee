import { contract } from '../spec/contract.js';
import { formatViolation } from '../spec/violation.js';
import { cleanResponse } from '../client/redact.js';
import { SecretsSeen } from './credentials.js';
import { PROXY_DEFAULTS } from './proxy-options.js';
import { readHar } from './read-har.js';
import { readRecording } from './read-recording.js';
import { Summary } from './summary.js';
import type { TrafficEntry } from './traffic-entry.js';
import { judgeTraffic } from '../conformance/judge-traffic.js';

/** Options of judging a file offline. */
export interface JudgeFileOptions {
  /** Overrides the origin links must point to (a recording keeps the proxy's, a HAR defaults to each request's). */
  publicUrl?: string;
  maxBodyBytes?: number;
  /** Where each violation line goes, redacted (default: stdout). */
  print?: (line: string) => void;
}

/** What judging a file gave: the summary, the credentials seen (outputs are redacted against them), and entries
 * skipped for want of a body. */
export interface JudgedFile {
  summary: Summary;
  seen: SecretsSeen;
  withoutBody: number;
}

/** True when a file is a HAR (named .har), not a JSONL recording. */
function isHar(file: string): boolean {
  return /\.har$/i.test(file);
}

/** Judges a recording (JSONL from the proxy) or a HAR file with the same checks as the live proxy. */
export async function judgeFile(file: string, o: JudgeFileOptions = {}): Promise<JudgedFile> {
  const cap = o.maxBodyBytes ?? PROXY_DEFAULTS.maxBodyBytes;
  const print = o.print ?? ((line: string) => console.log(line));
  const summary = new Summary(`${isHar(file) ? 'HAR' : 'recording'} ${file}`);
  const seen = new SecretsSeen();
  const judgeOne = (entry: TrafficEntry): void => {
    // Judged redacted of every pair of credentials in the file (a HAR is read whole first), as the live proxy judges:
    // an excerpt never shows a token, nor half of one.
    const { request, response } = entry.exchange;
    const exchange = { request, response: cleanResponse(response, seen.redactor) };
    const verdict = judgeTraffic(exchange, contract, {
      accountSid: entry.account,
      publicUrl: o.publicUrl ?? entry.publicUrl,
    });
    summary.add(verdict);
    for (const v of verdict?.violations ?? []) print(seen.redactor.redact(`${formatViolation(v)} [${entry.at}]`));
  };
  if (isHar(file)) {
    const { entries, withoutBody } = readHar(file, cap, seen, o.publicUrl);
    entries.forEach(judgeOne);
    return { summary, seen, withoutBody };
  }
  for await (const entry of readRecording(file, cap)) judgeOne(entry);
  return { summary, seen, withoutBody: 0 };
}
