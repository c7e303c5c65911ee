import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/test.js';
import { PROXY_USAGE, readProxyArgs } from '../../proxy/cli-args.js';
import { DIFF_NOISE } from '../../proxy/diff-noise.js';
import { DIFF_USAGE, readDiffArgs } from '../../proxy/diff-args.js';
import { JUDGE_USAGE, readJudgeArgs } from '../../proxy/judge-args.js';

const SECTION = readFileSync(fileURLToPath(new URL('../../docs/proxy.md', import.meta.url)), 'utf8');

test.describe('docs/proxy.md matches the code', () => {
  test('names every option of npm run proxy', () => {
    expect(SECTION).toContain('# Judging real traffic');
    const flags = [...PROXY_USAGE.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]);
    // every flag the usage names is one the command line reads (an unknown one is refused), each named once
    const value = (flag: string): string[] => (['--violations-header', '--allow-remote'].includes(flag) ? [] : ['1']);
    for (const flag of flags) expect(() => readProxyArgs([flag, ...value(flag)]), flag).not.toThrow(/Unknown option/);
    expect(() => readProxyArgs(['--verbose'])).toThrow(/Unknown option '--verbose'/);
    expect(flags).toEqual([...new Set(flags)]);
    for (const flag of flags) expect(SECTION, flag).toMatch(new RegExp(`${flag}(?![a-z-])`));
  });

  test('names every option of npm run judge and npm run diff', () => {
    for (const usage of [JUDGE_USAGE, DIFF_USAGE]) {
      const flags = [...new Set([...usage.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))];
      for (const flag of flags) expect(SECTION, flag).toMatch(new RegExp(`${flag}(?![a-z-])`));
    }
    expect(readJudgeArgs(['x.jsonl', '--public-url', 'http://127.0.0.1:1'])).toEqual({
      file: 'x.jsonl',
      publicUrl: 'http://127.0.0.1:1',
    });
    expect(() => readDiffArgs(['--c', 'x'], {})).toThrow(/Unknown option '--c'/);
  });

  test('names every header the diff compares', () => {
    const names: Record<string, string> = {
      'content-type': 'Content-Type',
      'www-authenticate': 'WWW-Authenticate',
      'retry-after': 'Retry-After',
    };
    for (const { header } of DIFF_NOISE.headers) expect(SECTION).toContain(`\`${names[header] ?? header}\``);
  });
});
