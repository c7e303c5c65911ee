// Test helper of the emulator self-tests: raw HTTP (paths sent byte for byte, no URL normalisation) and the target's paths.
import { Agent, request } from 'node:http';
import { contract, type Scope } from '../../spec/contract.js';
import type { Emulator, Target } from '../../emulator/server.js';
import { messageAt } from './emulator-queries.js';
import { basicAuth } from '../../client/basic-auth.js';

/** An answer as the tests look at it. */
export interface EmulatorAnswer {
  status: number;
  type: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** The Basic header of a target's credentials. */
export function basic(t: { accountSid: string; authToken: string }): string {
  return basicAuth(t.accountSid, t.authToken);
}

/** Answers cut short by these limits get status 0 and the reason as text (hostile faults must not hang a test). */
const LIMIT_MS = 5_000;
const LIMIT_BYTES = 2 * 1024 * 1024;

/** Sends one request with the path exactly as given; auth: a target (its credentials), a raw header, or null (none). */
export function send(
  emu: Emulator,
  path: string,
  auth: Target | string | null = emu.target,
  method = 'GET',
  extra: Record<string, string> = {},
): Promise<EmulatorAnswer> {
  const headers: Record<string, string> = { ...extra };
  if (auth !== null) headers.authorization = typeof auth === 'string' ? auth : basic(auth);
  const { hostname, port } = new URL(emu.url);
  return new Promise((resolve) => {
    const cut = (why: string): void => resolve({ status: 0, type: '', headers: {}, text: why, json: undefined });
    const req = request({ host: hostname, port, path, method, headers, agent, timeout: LIMIT_MS }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if ((bytes += c.length) > LIMIT_BYTES) {
          req.destroy();
          cut(`body over ${LIMIT_BYTES} bytes`);
        }
      });
      res.on('error', (e) => cut(e.message));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          headers: res.headers,
          text,
          json,
        });
      });
    });
    req.on('timeout', () => {
      req.destroy();
      cut(`no answer within ${LIMIT_MS} ms`);
    });
    req.on('error', (e) => cut(e.message));
    req.end();
  });
}

/** The path of a URL the emulator wrote (its origin is the public URL). */
export function pathOf(link: string): string {
  const u = new URL(link);
  return u.pathname + u.search;
}

/** Every item of a list, walking next_page_url from a first page (each must be a 200). */
export async function listAll(emu: Emulator, firstPage: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let path: string | null = firstPage;
  for (let pages = 0; path !== null && pages < 1000; pages++) {
    const a = await send(emu, path);
    if (a.status !== 200) throw new Error(`GET ${path}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
    const page = a.json as { meta: { next_page_url: unknown } } & Record<string, Record<string, unknown>[]>;
    out.push(...page[contract.paging.listKey]);
    path = typeof page.meta.next_page_url === 'string' ? pathOf(page.meta.next_page_url) : null;
  }
  return out;
}

/** The list path of the target message (service scope), with an optional query. */
export function targetList(t: Target, query = ''): string {
  return (
    contract.paths.build('list', 'service', {
      ChatServiceSid: t.serviceSid,
      ConversationSid: t.conversationSid,
      MessageSid: t.messageSid,
    }) + (query ? `?${query}` : '')
  );
}

/** Distinct paths of the target (a list at each PageSize), so that no request is a retry of another. */
export function distinctLists(e: Emulator, n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    targetList(e.target, `PageSize=${1 + (i % contract.paging.pageSize.max)}&x=${i}`),
  );
}

/** The SIDs of a store's message, as the paths of a scope need them. */
export function messagePath(emu: Emulator, message: number, scope: Scope, sid?: string): string {
  const m = messageAt(emu, message);
  const params = {
    ChatServiceSid: m.serviceSid,
    ConversationSid: m.conversationSid,
    MessageSid: m.sid,
    Sid: sid ?? '',
  };
  return contract.paths.build(sid === undefined ? 'list' : 'fetch', scope, params);
}

/** Asserts nothing: returns why an error answer is not Twilio-shaped JSON of its status ('' when it is). */
export function twilioErrorProblem(a: EmulatorAnswer): string {
  if (!a.type.startsWith('application/json')) return `content-type ${a.type}`;
  const v = contract.errors.validate(a.status, a.json);
  return v.length ? v.map((x) => x.message).join('; ') : '';
}
