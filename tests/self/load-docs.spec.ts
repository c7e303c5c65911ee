import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/test.js';
import { FLAGS } from '../../load/run/options.js';
import { RESULT_SCHEMA } from '../../load/result/load-result.js';
import { ALIASES, METRICS } from '../../load/thresholds/metrics.js';
import { readDoc, ROOT, section, table } from './docs-text.js';

/** The README's "## Load" section: the flags and metrics a user looks up. */
const readmeLoad = section(readDoc('README.md'), 'Load');
/** Where the result schema is described in full. */
const LOAD_DOC = 'docs/load.md';
/** Every file under load/, as a path from the repository's root. */
const loadFiles = (): string[] => {
  const dir = fileURLToPath(new URL('load', ROOT));
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => `load/${f}`);
};
/** The lines of the table that starts at a header line, up to the next blank line. */
const tableCells = (heading: string): string => readmeLoad.slice(readmeLoad.indexOf(heading)).split('\n\n')[0];

test.describe('README "## Load" and docs/load.md stay in sync with the code', () => {
  test('the flag table lists every flag, and no other', () => {
    const documented = [...tableCells('| flag | meaning |').matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(
      Object.keys(FLAGS)
        .map((f) => `--${f}`)
        .sort(),
    );
  });

  test('the metric table lists every metric and alias a threshold may use', () => {
    const table = tableCells('| metric | alias | meaning |');
    for (const name of [...METRICS, ...Object.keys(ALIASES)]) {
      expect(table, `README lists ${name}`).toContain(`\`${name}\``);
    }
  });

  test('the JSON result schema tag is the one the code writes', () => {
    expect(section(readDoc(LOAD_DOC), 'Reports')).toContain(`schema: "${RESULT_SCHEMA}"`);
  });

  test('the file map in docs/load.md lists every file of load/ once, and no other', () => {
    const rows = table(section(readDoc(LOAD_DOC), 'Files'), '| file | what it holds |');
    const mapped = rows.map(([file]) => file.replace(/^`|`$/g, ''));
    expect(
      rows.every(([, holds]) => holds.length > 0),
      'each file says what it holds',
    ).toBe(true);
    expect(mapped.length, 'a file listed twice').toBe(new Set(mapped).size);
    expect([...mapped].sort(), 'the map (received) against the folder (expected)').toEqual(loadFiles().sort());
  });
});
