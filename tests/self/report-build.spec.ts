import { expect, test } from '../../fixtures/test.js';
import { buildConformance } from '../../report/build-conformance.js';
import { compareConformance } from '../../report/compare-conformance.js';
import type { TestRecord } from '../../conformance/record-types.js';
import { recordText } from '../../conformance/test-record.js';
import { conformanceHtml } from '../../report/write-html.js';
import { conformanceMarkdown } from '../../report/write-markdown.js';
import { checks } from '../../spec/checks/index.js';
import { contract } from '../../spec/contract.js';
import { schemaErrors } from './report-helpers.js';
import { sidOf } from './exchanges.js';

const [a, b, c] = checks.filter((ch) => ch.applies.operation === undefined).map((ch) => ch.name);
const info = { targetUrl: 'http://127.0.0.1:1', embedded: true, seed: 'none', now: new Date('2026-06-01T00:00:00Z') };
const request = 'GET /v1/x';

/** One record: check a held on two exchanges, b broken once, c broken once but covered by known entry 0. */
function record(cKnown: boolean): TestRecord {
  const row = { operation: 'list', scope: 'service' } as const;
  return {
    test: 't',
    target: { url: info.targetUrl, publicUrl: info.targetUrl },
    annotations: [{ type: 'note', description: 'd' }],
    exchanges: [
      { request, ...row, applied: [a, b, c] },
      { request, ...row, applied: [a] },
    ],
    violations: [
      { check: b, pointer: '/x', message: 'wrong', request, ...row },
      { check: c, pointer: '/y', message: 'odd', request, ...row, ...(cKnown ? { known: 0 } : {}) },
    ],
  };
}
/** The fourth of those checks: no exchange of the record applied it. */
const [, , , d] = checks.filter((ch) => ch.applies.operation === undefined).map((ch) => ch.name);
const known = {
  file: 'k.yaml',
  entries: [
    { check: c, reason: 'accepted' },
    { check: a, reason: 'no longer needed' },
    { check: d, reason: 'its check did not run (a -g selection): nothing is known' },
  ],
};
const rowOf = (name: string) => (r: { check: string; operation: string; scope: string }) =>
  r.check === name && r.operation === 'list' && r.scope === 'service';

test.describe('conformance model', () => {
  test('a rule is held, broken, known or not exercised, and the headline counts rules and checks honestly', () => {
    const report = buildConformance([record(true)], known, info, contract);
    expect([a, b, c].map((n) => report.rows.find(rowOf(n))?.status)).toEqual(['held', 'broken', 'known']);
    expect(report.rows.find((r) => r.check === a && r.scope === 'default')?.status).toBe('not exercised');
    expect(report.headline).toMatchObject({
      rules_held: 1,
      rules_broken: 1,
      rules_known: 1,
      rules_exercised: 3,
      checks_exercised: 3,
      checks_total: checks.length,
    });
    expect(report.verdict).toBe('does not conform');
    expect(report.known?.entries.map((e) => e.status)).toEqual(['matched', 'fixed', 'not exercised']);
    expect(report.first_violations[0]).toBe(`[${b}] /x: wrong (${request})`);
    expect(report.first_violations[1]).toMatch(/^\(known\) /);
    expect(schemaErrors(report)).toEqual([]);
  });

  test('the Markdown opens with the verdict and the first violation, and its table leads with the broken rule', () => {
    const md = conformanceMarkdown(buildConformance([record(true)], known, info, contract));
    const lines = md.split('\n');
    expect(lines[0]).toMatch(
      /^# Contract conformance: ✗ does not conform: 1 of 3 rules exercised held, 1 broken, 1 known/,
    );
    expect(md).toContain('seed none');
    const table = lines.findIndex((l) => l.startsWith('| check |'));
    expect(lines[table + 2]).toContain(
      `| \`${b}\` | list | service | ✗ broken | 1 | 1 | [${b}] /x: wrong (${request}) |`,
    );
    expect(lines[table + 3]).toContain(`| \`${c}\` | list | service | ~ known | 1 | 1 (1 known) |`);
  });

  test('a contract test that failed outside the checks makes the run not conform, and is named', () => {
    const clean = { ...record(true), violations: [] };
    const report = buildConformance([clean], null, { ...info, unjudged: ['Errors › t: Error: boom'] }, contract);
    expect(report.verdict).toBe('does not conform');
    expect(conformanceMarkdown(report)).toContain(
      '## Tests that failed outside the checks\n\n- Errors › t: Error: boom',
    );
    expect(schemaErrors(report)).toEqual([]);
  });

  test('tests skipped for want of a setting are grouped by their reason, in the JSON, the Markdown and the HTML', () => {
    const skipped = [
      { test: 'Scoping › a', reason: 'SET_A is not set' },
      { test: 'Default › b', reason: 'SET_B is not set' },
      { test: 'Default › a', reason: 'SET_A is not set' },
    ];
    const report = buildConformance([record(false)], null, { ...info, skipped }, contract);
    expect(report.not_run).toEqual([
      { reason: 'SET_A is not set', tests: ['Scoping › a', 'Default › a'] },
      { reason: 'SET_B is not set', tests: ['Default › b'] },
    ]);
    expect(conformanceMarkdown(report)).toContain(
      '## Not exercised: tests skipped, and why\n\n- SET_A is not set (2 tests)\n- SET_B is not set (1 test)',
    );
    expect(conformanceHtml(report)).toContain('<li>SET_A is not set (2 tests)</li>');
    expect(schemaErrors(report)).toEqual([]);
  });

  test('compare names a rule that broke and one that was fixed, and counts the rest as unchanged', () => {
    const before = buildConformance([record(true)], known, info, contract);
    const after = buildConformance([record(false)], null, info, contract);
    after.rows.find(rowOf(b))!.status = 'held';
    const diff = compareConformance(before, after);
    expect(diff.broke.map((x) => `${x.rule} ${x.from}→${x.to}`)).toEqual([`${c} list/service known→broken`]);
    expect(diff.fixed.map((x) => `${x.rule} ${x.from}→${x.to}`)).toEqual([`${b} list/service broken→held`]);
    expect(diff.unchanged).toBe(before.rows.length - 2);
  });

  test('a record is redacted before it is attached: no token, no Basic credentials', () => {
    const secret = { accountSid: sidOf('account_sid', '1'), authToken: 'tok-' + 'x'.repeat(28) };
    const rec = record(false);
    const basic = Buffer.from(`${secret.accountSid}:${secret.authToken}`).toString('base64');
    rec.violations[0].message = `saw ${secret.authToken} and Basic ${basic}`;
    const text = recordText(rec, secret);
    expect(text).not.toContain(secret.authToken);
    expect(text).toContain('[redacted]');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });
});
