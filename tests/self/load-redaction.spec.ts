import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test, expect } from '../../fixtures/test.js';
import { parseOptions } from '../../load/run/options.js';
import { runLoad } from '../../load/run/run-load.js';
import { secretForms } from '../../client/redact.js';
import { contract } from '../../spec/contract.js';
import { RECEIPT_FIELD_OF } from '../../spec/paths.js';
import { createAnswerJudge } from '../../load/measure/answer-judge.js';
import { envOf, memoryReporter, outputsOf, reportDir, scenarioFile } from './load-helpers.js';
import { createStub, type StubMode } from './load-stub.js';
import { slicesShown } from './token-slices.js';

const run = promisify(execFile);
const SCENARIOS = `defaults: { warmup: 0, duration: 0.4, connections: 2, sampleEvery: 1, thresholds: ["invalid == 0"] }
scenarios: [{ name: fetch, operation: fetch }, { name: list, operation: list }]`;
const optionsTo = (out: string): ReturnType<typeof parseOptions> =>
  parseOptions([scenarioFile(SCENARIOS), '--out', out]);

// Issue 14 point 1: targets that echo the credentials, in every form, wherever they can reach an output.
const echoes: { mode: StubMode; where: string; evidence: RegExp }[] = [
  { mode: 'echo-auth', where: 'a 401 error body during discovery', evidence: /bad credentials: Basic \[redacted\]/ },
  {
    mode: 'echo-200',
    where: '200 receipt fields, a Content-Type header and a link URL, under load',
    evidence: /\[receipt_schema\].*\[redacted\]/,
  },
];

test.describe('no form of the credentials reaches any output of the load tool', () => {
  for (const { mode, where, evidence } of echoes) {
    test(`a target that echoes them in ${where} has them blanked on the console and in every report`, async () => {
      const stub = await createStub(mode);
      try {
        const out = reportDir();
        const reporter = memoryReporter();
        await runLoad({ options: optionsTo(out), env: envOf(stub.target), reporter });
        const outputs = outputsOf(reporter.lines, out);
        expect(outputs.map((o) => o.name).sort()).toEqual(['console', 'report.html', 'result.json', 'summary.md']);
        expect(outputs.map((o) => o.text).join('\n')).toMatch(evidence); // the echo arrived, and was blanked
        for (const form of secretForms(stub.target)) {
          for (const o of outputs) expect(o.text, `${o.name} holds ${form}`).not.toContain(form);
        }
      } finally {
        await stub.stop();
      }
    });
  }

  test("the echoed receipt fails under load by the registry's names, with the request", async () => {
    const stub = await createStub('echo-200');
    try {
      const reporter = memoryReporter();
      const { result } = await runLoad({ options: optionsTo(reportDir()), env: envOf(stub.target), reporter });
      const [fetch] = result.scenarios;
      expect(fetch.mismatches).toBe(fetch.sampled);
      const examples = fetch.invalid_examples.join('\n');
      for (const check of ['response_content_type', 'receipt_schema']) expect(examples).toContain(`[${check}]`);
      // each example names its request: a service-scoped fetch whose every segment is a SID of its field
      const requested = /\(GET ([^)\s]+)\)/.exec(examples)?.[1] ?? '';
      const matched = contract.paths.match(requested);
      expect(matched?.op.name, `a fetch request in ${examples}`).toBe('fetch');
      expect(matched?.op.scope).toBe('service');
      for (const [param, raw] of Object.entries(matched!.raw))
        expect(raw, param).toMatch(contract.sids.pattern(RECEIPT_FIELD_OF[param]));
      expect(examples).not.toContain(stub.target.authToken); // blanked before judging, not only at the edge
      expect(result.scenarios[1].mismatches).toBe(0); // the stub's pages are clean
    } finally {
      await stub.stop();
    }
  });

  test('a receipt that spells the token in JSON escapes is judged with it blanked: no line holds any piece of it', () => {
    const example = contract.doc.components as { examples: Record<string, { value: Record<string, unknown> }> };
    const receipt = example.examples.ServiceReceipt.value;
    const url = new URL(String(receipt.url));
    const secret = { accountSid: String(receipt.account_sid), authToken: 'c0ffee' + '0123456789abcdef01234567' };
    const judge = createAnswerJudge({
      operation: 'fetch',
      publicUrl: url.origin,
      accountSid: secret.accountSid,
      secret,
    });
    const escaped = [...secret.authToken].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('');
    const body = JSON.stringify({ ...receipt, status: 'TOKEN' }).replace('TOKEN', escaped);
    const lines = judge({ path: url.pathname, status: 200, headers: { 'content-type': 'application/json' } }, body);
    expect(lines.join('\n')).toMatch(/^\[receipt_schema\] \/status: .*"\[redacted\]"/m); // judged, and blanked
    expect(slicesShown(lines.join('\n'), secret.authToken)).toEqual([]);
  });

  test('a CLI error that quotes the token prints it blanked', async () => {
    const token = 'cli-token-0123456789abcdef';
    const stub = await createStub('ok');
    await stub.stop();
    // a setting that holds the token by mistake is quoted in the error
    const env = { ...process.env, ...envOf(stub.target), TARGET_AUTH_TOKEN: token, TARGET_SERVICE_SID: token };
    const args = ['--import', 'tsx', 'load/cli.ts', '--out', reportDir()];
    const cli = run(process.execPath, args, { env, timeout: 60_000 });
    const { stderr } = await cli.catch((e: { stderr: string }) => e);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^load: /);
    expect(stderr).toContain('TARGET_SERVICE_SID');
    const forms = secretForms({ accountSid: stub.target.accountSid, authToken: token });
    for (const form of forms) expect(stderr).not.toContain(form);
  });
});
