import { test, expect } from '../../fixtures/test.js';
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { contract } from '../../spec/contract.js';
import { targetVariables } from '../../client/settings.js';
import { create } from '../../emulator/server.js';
import { faultNames } from '../../emulator/faults.js';
import { readingNames } from '../../emulator/readings.js';
import { basic, send, targetList } from './emulator-http.js';
import { basicAuth } from '../../client/basic-auth.js';

const CLI = ['--import', 'tsx', 'emulator/cli.ts'];

/** Runs the CLI to completion (bad options end it at once). */
function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const badOptions: [string[], RegExp][] = [
  [['--port', 'abc'], /--port must be an integer from 0 to 65535/],
  [['--port', '70000'], /--port must be an integer from 0 to 65535/],
  // a value starting with '-' (Node: "argument is ambiguous") says how to write it
  [['--latency', '-5'], /^emulator: --latency takes a value; one that starts with "-" is written --latency=VALUE/],
  [['--latency', 'soon'], /--latency must be an integer/],
  [['--public-url', 'ftp://x'], /--public-url must use http or https; received ftp:/],
  [['--public-url', 'http://x/with/path'], /--public-url must be an origin such as .*, without a path/],
  [['--base-path', 'twilio-api'], /--base-path must be a path prefix such as \/twilio-api/],
  [['--fault', 'nope'], new RegExp(`--fault "nope" is unknown; valid faults: ${faultNames.slice(0, 3).join(', ')}`)],
  [['--receipts', '0'], /--receipts must be an integer from 1/],
  [['--seed', '3'], /--seed needs --receipts/],
  [['--bogus'], /^emulator: Unknown option '--bogus'.*--help/],
  [['extra'], /^emulator: Unexpected argument 'extra'/],
  // a file the emulator cannot read is named with its flag
  [['--dataset', 'no/such/file.yaml'], /^emulator: --dataset no\/such\/file.yaml: no such file/],
  [['--dataset', 'tests'], /^emulator: --dataset tests: a directory, not a file/],
  [['--dataset', 'package.json'], /^emulator: --dataset package.json: seed /],
  [['--host', '0.0.0.0'], /--host must be a loopback address/],
  [['--reading', 'nope'], new RegExp(`--reading "nope" is unknown; valid readings: ${readingNames.join(', ')}`)],
  [['--reading', 'page-only', '--reading', 'twilio-links'], /--reading twilio-links cannot be combined with page-only/],
];

/** The last export line the emulator prints, complete: the signal handlers are set up right after it. */
const LAST_EXPORT = new RegExp(`^export ${targetVariables.at(-1)}=.*\n`, 'm');

test.describe('npm run emulator (CLI)', () => {
  for (const [args, message] of badOptions) {
    test(`${args.join(' ')} ends with one line naming the option, exit 2, no stack trace`, () => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }

  test('prints its URL and TARGET_* exports that work, then stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      // resolve on the last line, complete: output may arrive in several chunks
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (LAST_EXPORT.test(out)) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(env)).toEqual([...targetVariables]);
    const target = {
      url: env.TARGET_URL,
      publicUrl: env.TARGET_PUBLIC_URL,
      accountSid: env.TARGET_ACCOUNT_SID,
      authToken: env.TARGET_AUTH_TOKEN,
      serviceSid: env.TARGET_SERVICE_SID,
      conversationSid: env.TARGET_CONVERSATION_SID,
      messageSid: env.TARGET_MESSAGE_SID,
    };
    const emuLike = { url: env.TARGET_URL, target } as never;
    const a = await send(emuLike, targetList(target));
    expect(a.status).toBe(200);
    // the second account is a tenant of its own: its credentials authenticate (404, not 401) and see no receipt here
    const other = { accountSid: env.TARGET_OTHER_ACCOUNT_SID, authToken: env.TARGET_OTHER_AUTH_TOKEN };
    expect(other.accountSid).not.toBe(target.accountSid);
    expect((await send(emuLike, targetList(target), basic(other))).status).toBe(404);
    const dflt = await send(
      emuLike,
      contract.paths.build('list', 'default', {
        ConversationSid: env.TARGET_DEFAULT_CONVERSATION_SID,
        MessageSid: env.TARGET_DEFAULT_MESSAGE_SID,
      }),
    );
    // the seed's default-service message has more receipts than the default PageSize: a full first page
    expect((dflt.json as { delivery_receipts: unknown[] }).delivery_receipts).toHaveLength(
      contract.paging.pageSize.default,
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

test.describe('npm run emulator --reading', () => {
  test('prints the readings it plays in its start line', async () => {
    const args = ['--port', '0', '--reading', 'page-only', '--reading', 'offset-dates'];
    const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      // the last export line, complete: the signal handlers are set up right after it
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (LAST_EXPORT.test(out)) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(out.split('\n')[0]).toContain('readings: page-only, offset-dates');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

test.describe('emulator stop()', () => {
  test('finishes a request in flight before it resolves', async () => {
    const emu = await create({ port: 0, latency: 300 });
    const { hostname, port } = new URL(emu.url);
    const answer = new Promise<number>((resolve, reject) => {
      const auth = basicAuth(emu.target.accountSid, emu.target.authToken);
      request({ host: hostname, port, path: targetList(emu.target), headers: { authorization: auth } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
    while (emu.inFlight() === 0) await new Promise((r) => setImmediate(r)); // until the server holds the request
    await emu.stop();
    expect(await answer).toBe(200);
  });
});
