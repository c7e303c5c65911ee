import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { readDoc, ROOT } from './docs-text.js';

const root = fileURLToPath(ROOT);
/** Folders that are not the project's: dependencies, outputs of runs and of npm pack (types/), git's own. */
const NOT_OURS = new Set(['node_modules', 'reports', 'test-results', 'playwright-report', '.git', 'types']);

/** Every file and folder of the project (folders end in a slash), relative to its root. */
function entries(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (NOT_OURS.has(e.name)) return [];
    const path = relative(root, join(dir, e.name));
    return e.isDirectory() ? [`${path}/`, ...entries(join(dir, e.name))] : [path];
  });
}
const ALL = entries();
const TOP = new Set(ALL.filter((p) => !p.slice(0, -1).includes('/')).map((p) => p.replace(/\/$/, '')));
const NAMES = new Set(ALL.map((p) => p.replace(/\/$/, '').split('/').pop()));

/** True when a quoted path names a file or folder of the project (an import's `.js` its `.ts`, or a real .js file);
 * `*` and `<name>` stand for any part of a name. */
function exists(quoted: string): boolean {
  return existsAs(quoted) || existsAs(quoted.replace(/\.js$/, '.ts'));
}

/** True when a path (a pattern) names a file or folder of the project as it is written. */
function existsAs(path: string): boolean {
  const pattern = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/<[\w-]+>|\*/g, '[^/]*');
  const re = new RegExp(`^${pattern}${path.endsWith('/') ? '' : '/?'}$`);
  return ALL.some((p) => re.test(p));
}

/** The paths into the project a text quotes: a top-level folder or file, then a path (links, code, layout maps). */
export function quotedPaths(text: string): string[] {
  const found = text.matchAll(/(?<![\w/.$:@-])((?:\.ci|[a-z][\w-]*)(?:\/[\w.*<>-]+)+\/?)/g);
  return [...new Set([...found].map((m) => m[1].replace(/[.,:;]+$/, '')))].filter((p) => TOP.has(p.split('/')[0]));
}

/** The bare file names a text quotes in backticks (`options.ts`, `faults-caught.spec.ts`). */
export function quotedNames(text: string): string[] {
  return [...new Set([...text.matchAll(/`([\w.-]+\.ts)`/g)].map((m) => m[1]))];
}

/** README.md and every markdown file under docs/. */
const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

test.describe('every file path quoted in README.md and docs/ exists', () => {
  for (const doc of DOCS) {
    test(`${doc}: every path into the project names a file or folder that exists`, () => {
      expect(quotedPaths(readDoc(doc)).filter((p) => !exists(p))).toEqual([]);
    });

    test(`${doc}: every file name quoted alone is a file of the project`, () => {
      expect(quotedNames(readDoc(doc)).filter((n) => !NAMES.has(n))).toEqual([]);
    });
  }

  test('sees paths in prose, links, code and layout maps, and leaves URLs, API paths and run outputs alone', () => {
    const text = [
      'See `client/redact.ts` and [the docs](docs/load.md#thresholds); faults in `emulator/faults-*.ts`.',
      'spec/checks/<check-name>.ts    one check each',
      '```sh\nnpx playwright test tests/self/<file>.spec.ts --out reports/load/nightly\n```',
      'https://github.com/microsoft/playwright/tree/main/tests and GET /v1/Services/IS1/Receipts, $REPORT_DIR/proxy.',
    ].join('\n');
    expect(quotedPaths(text)).toEqual([
      'client/redact.ts',
      'docs/load.md',
      'emulator/faults-*.ts',
      'spec/checks/<check-name>.ts',
      'tests/self/<file>.spec.ts',
    ]);
    expect(quotedNames('`checks.spec.ts`, `load/cli.ts`, `a.ts`')).toEqual(['checks.spec.ts', 'a.ts']);
    expect(exists('spec/checks/<check-name>.ts') && exists('emulator/') && !exists('tests/self/checks.spec.ts')).toBe(
      true,
    );
  });
});
