import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/test.js';
import { PROXY_USAGE } from '../../proxy/cli-args.js';
import { DIFF_NOISE } from '../../proxy/diff-noise.js';

const SECTION = readFileSync(fileURLToPath(new URL('../../docs/proxy.md', import.meta.url)), 'utf8');

test.describe('docs/proxy.md matches the code', () => {
  test('names every option of npm run proxy', () => {
    expect(SECTION).toContain('# Judging real traffic');
    const flags = [...PROXY_USAGE.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(5);
    for (const flag of flags) expect(SECTION, flag).toMatch(new RegExp(`${flag}(?![a-z-])`));
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
