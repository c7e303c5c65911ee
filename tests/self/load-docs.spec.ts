import { test, expect } from '../../fixtures/test.js';
import { FLAGS } from '../../load/run/options.js';
import { RESULT_SCHEMA } from '../../load/result/load-result.js';
import { ALIASES, METRICS } from '../../load/thresholds/metrics.js';
import { readDoc, section } from './docs-text.js';

/** The README's "## Load" section: the flags and metrics a user looks up. */
const readmeLoad = section(readDoc('README.md'), 'Load');
/** Where the result schema is described in full. */
const LOAD_DOC = 'docs/load.md';
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
});
