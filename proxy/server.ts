import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { contract } from '../spec/contract.js';
import type { Exchange, ExchangeResponse } from '../spec/checks/index.js';
import { formatViolation } from '../spec/violation.js';
import { decodeBody, flatHeaders } from '../client/read-body.js';
import { parseJson } from '../spec/json-bounded.js';
import { cleanHeaders, cleanJson, type Redactor } from '../client/redact.js';
import { readCredentials, SecretsSeen } from './credentials.js';
import { Recorder } from './recorder.js';
import { toLine } from './recording-line.js';
import { Summary } from './summary.js';
import { twilioError } from './twilio-error.js';
import { forward } from './upstream.js';
import { judgeTraffic } from '../conformance/judge-traffic.js';
import { checkProxyOptions, type ProxyOptions, type ProxySettings } from './proxy-options.js';

export type { ProxyOptions } from './proxy-options.js';

/** A running validating proxy. */
export interface Proxy {
  url: string;
  summary: Summary;
  /** The credentials seen in traffic: every output is redacted against them. */
  seen: SecretsSeen;
  /** Stops listening, closes the recording; the summary is complete afterwards. */
  stop(): Promise<void>;
}

/** An answer to write to the client. */
interface Reply {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** The path and query of a request target; a client that treats us as a forward proxy sends an absolute URL. */
function originForm(target: string | undefined): string {
  if (!target || target.startsWith('/')) return target || '/';
  try {
    const u = new URL(target);
    return u.pathname + u.search;
  } catch {
    return '/';
  }
}

/** The Twilio-shaped 502 a client gets when the target gave no complete answer. */
function badGateway(reason: string): Reply {
  const body = Buffer.from(JSON.stringify(twilioError(502, `Bad Gateway: ${reason}`)));
  return { status: 502, headers: [['Content-Type', 'application/json']], body };
}

/** Forwards one request and returns the exchange to judge and the reply for the client. */
async function pass(
  req: IncomingMessage,
  s: ProxySettings,
  request: Exchange['request'],
  redactor: Redactor,
): Promise<{ exchange: Exchange; reply: Reply }> {
  const failed = (error: string): ExchangeResponse => ({ status: 0, headers: {}, text: '', error });
  let answer;
  try {
    answer = await forward(
      s.target,
      { method: request.method, path: request.path, headers: req.headers, body: req },
      s,
    );
  } catch (e) {
    return { exchange: { request, response: failed((e as Error).message) }, reply: badGateway((e as Error).message) };
  }
  const reply = { status: answer.status, headers: answer.rawHeaders, body: answer.body };
  // The client gets the bytes as sent; the exchange judged and recorded is redacted first of every pair of credentials
  // seen so far (this request's included), so no excerpt can show one or cut one in half.
  const headers = cleanHeaders(flatHeaders(answer.headers), redactor);
  try {
    const text = redactor.redact((await decodeBody(answer.body, headers['content-encoding'], s)).toString('utf8'));
    const json = cleanJson(parseJson(text), text, redactor);
    return { exchange: { request, response: { status: answer.status, headers, text, json } }, reply };
  } catch (e) {
    return {
      exchange: { request, response: { ...failed((e as Error).message), status: answer.status, headers } },
      reply,
    };
  }
}

/** Writes a reply, with the optional short count of violations. */
function send(res: ServerResponse, reply: Reply, count: number | null): void {
  const headers = reply.headers.filter(([n]) => n.toLowerCase() !== 'content-length');
  headers.push(['Content-Length', String(reply.body.length)]);
  if (count !== null) headers.push(['X-Contract-Violations', String(count)]);
  res.writeHead(reply.status, headers.flat());
  res.end(reply.body);
}

/** The request handler: forward, judge, print, record, answer. */
function handler(s: ProxySettings, summary: Summary, seen: SecretsSeen, recorder: Recorder | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const creds = readCredentials(req.headers.authorization);
    seen.remember(creds.secret);
    const request = { method: req.method ?? 'GET', path: originForm(req.url), auth: creds.auth };
    const { exchange, reply } = await pass(req, s, request, seen.redactor);
    const verdict = judgeTraffic(exchange, contract, { accountSid: creds.accountSid, publicUrl: s.publicUrl });
    summary.add(verdict);
    for (const v of verdict?.violations ?? []) s.print(seen.redactor.redact(formatViolation(v)));
    if (recorder?.write(toLine(exchange, creds.accountSid, s.publicUrl)) === 'filled') {
      s.print(`# recording ${recorder.file} is full; later exchanges are judged but not recorded`);
    }
    send(res, reply, s.violationsHeader && verdict ? verdict.violations.length : null);
  };
}

/** Starts a validating proxy in front of a target; resolves when it listens. */
export async function createProxy(options: ProxyOptions): Promise<Proxy> {
  const s = checkProxyOptions(options);
  const summary = new Summary(`proxy in front of ${s.target.origin}`);
  const seen = new SecretsSeen();
  const recorder = s.record ? new Recorder(s.record, seen) : null;
  const handle = handler(s, summary, seen, recorder);
  const server: Server = createServer((req, res) => {
    // every failure is answered in pass(); this only guards a broken socket
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(s.port, s.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : s.port;
  const url = `http://${s.host.includes(':') ? `[${s.host}]` : s.host}:${port}`;
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      server.close(() => {
        recorder?.close();
        resolve();
      });
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), s.timeoutMs).unref();
    }));
  return { url, summary, seen, stop };
}
