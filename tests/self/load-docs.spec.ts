import { readFileSync } from 'node:fs';
import { test, expect } from '../../fixtures/test.js';
import { FLAGS } from '../../load/options.js';
import { RESULT_SCHEMA } from '../../load/report-json.js';
import { ALIASES, METRICS } from '../../load/thresholds.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('\n## Load\n'), readme.indexOf('\n## ', readme.indexOf('\n## Load\n') + 5));
const tableCells = (heading: string): string => section.slice(section.indexOf(heading)).split('\n\n')[0];

test.describe('README "## Load" stays in sync with the code', () => {
  test('the flag table lists every flag, and no other', () => {
    const documented = [...tableCells('| flag | meaning |').matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(FLAGS).map((f) => `--${f}`).sort());
  });

  test('the metric table lists every metric and alias a threshold may use', () => {
    const table = tableCells('| metric | alias | meaning |');
    for (const name of [...METRICS, ...Object.keys(ALIASES)]) expect(table, `README lists ${name}`).toContain(`\`${name}\``);
  });

  test('the JSON result schema tag is the one the code writes', () => {
    expect(section).toContain(`schema: "${RESULT_SCHEMA}"`);
  });
});
