import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { EMULATOR_USAGE } from '../../emulator/cli-args.js';
import { readDoc, ROOT, section } from './docs-text.js';
import { sources } from './import-graph.js';

const root = fileURLToPath(ROOT);
const SCRIPTS = Object.keys((JSON.parse(readDoc('package.json')) as { scripts: Record<string, string> }).scripts);
/** README.md and every markdown file under docs/, with their text. */
const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const ALL_DOCS = DOCS.map(readDoc).join('\n');

/** The flags a usage text names (`--port`, `--public-url`…), each once. */
const flagsOf = (text: string): string[] => [...new Set([...text.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))];

/**
 * Settings the code reads that a user never sets, and who sets them: documenting them would only invite a mistake.
 */
const INTERNAL: Record<string, string> = {
  CONTRACT_RUN_ID: 'playwright.config.ts, for its workers (the shared rate-limiting verdict)',
  CONTRACT_RUN_STARTED: 'playwright.config.ts, for its workers (the deadline)',
  LOAD_EMBEDDED_MESSAGES: 'load --workers, for its generators',
  LOAD_WORKER_RENDEZVOUS: 'load --workers, for its generators',
  BODY: 'load/bench/load.ts, for the bare server it spawns',
  CI: "CI systems (Playwright's forbidOnly)",
  TEST_WORKER_INDEX: 'Playwright, in its workers (the config probes the target in the runner only)',
  PATH: 'the shell',
};
/** The prefixes of the project's own settings, as the docs name them. */
const OURS = /\b((?:CONTRACT|TARGET|LOAD|BENCH|EMULATOR|HOSTILE)_[A-Z0-9_]*[A-Z0-9]|REPORT_DIR|MATRIX)\b(?!_?\*)/g;

/** The environment variables a text of code reads: `env.X`, `env['X']`, a reader given `'X'`, a settings table's key. */
export function settingsRead(code: string): string[] {
  const found = [
    ...code.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g),
    ...code.matchAll(/['"`]((?:CONTRACT|TARGET|LOAD|BENCH|EMULATOR|HOSTILE)_[A-Z0-9_]*[A-Z0-9])['"`=]/g),
    ...code.matchAll(/^\s+((?:CONTRACT|TARGET)_[A-Z0-9_]+): \{/gm),
  ];
  return [...new Set(found.map((m) => m[1] ?? m[2]))];
}
const READ = new Set(sources().flatMap((f) => settingsRead(readFileSync(join(root, f), 'utf8'))));

test.describe('commands, flags and settings in README.md and docs/ match the code', () => {
  test('every `npm run` the docs name is a script of package.json', () => {
    const named = [...new Set([...ALL_DOCS.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]))];
    expect(named.filter((n) => !SCRIPTS.includes(n))).toEqual([]);
  });

  test("the README's Scripts line lists every script of package.json", () => {
    const line = section(readDoc('README.md'), 'Layout').split('Scripts:')[1]?.split('\n\n')[0] ?? '';
    const listed = [...line.matchAll(/`npm (?:run )?([\w:-]+)`/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...SCRIPTS].sort());
  });

  test('docs/emulator.md names exactly the options of npm run emulator', () => {
    const options = readDoc('docs/emulator.md').split('\nOptions: ')[1]?.split('\n\n')[0] ?? '';
    const usage = [...EMULATOR_USAGE.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(flagsOf(options.replace(/npm run proxy -- --record FILE/, '')).sort()).toEqual([...usage, '--help'].sort());
  });

  test('every setting the code reads is documented, and every setting the docs name is read', () => {
    const undocumented = [...READ].filter((n) => !(n in INTERNAL) && !new RegExp(`\\b${n}\\b`).test(ALL_DOCS));
    expect(undocumented, 'document them in README.md or docs/, or list them as internal here').toEqual([]);
    const named = [...new Set([...ALL_DOCS.matchAll(OURS)].map((m) => m[1]))];
    expect(
      named.filter((n) => !READ.has(n) || n in INTERNAL),
      'settings the docs name that nothing reads',
    ).toEqual([]);
  });

  test('sees each way the code reads a setting', () => {
    const code = [
      "const a = process.env.CONTRACT_SEED; const b = env['REPORT_DIR'];",
      "readSid(env, 'TARGET_SERVICE_SID', 'chat_service_sid'); `CONTRACT_BUDGET=${n}`;",
      '  CONTRACT_DEADLINE: { field: 1 },',
      "const REPORT_FILES = 1; const x = 'TARGET_OTHER_';",
    ].join('\n');
    expect(settingsRead(code).sort()).toEqual(
      ['CONTRACT_BUDGET', 'CONTRACT_DEADLINE', 'CONTRACT_SEED', 'REPORT_DIR', 'TARGET_SERVICE_SID'].sort(),
    );
  });
});
