import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Conformance } from './conformance-model.js';
import { compareConformance, comparisonText } from './compare-conformance.js';

const USAGE = 'usage: receipt-harness compare old/conformance.json new/conformance.json';
/** What `--help` prints: the usage, then what the exit code says. */
const HELP = `${USAGE}   (receipt-harness compare OLD NEW)
Prints what broke and what was fixed between two conformance reports; exit 1 when anything broke.`;
const schema = JSON.parse(readFileSync(new URL('./conformance.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: false, strict: false });
addFormats.default(ajv);
const valid = ajv.compile(schema);

/** Reads one conformance.json, or ends with a one-line message naming the file and what is wrong. */
function readReport(file: string): Conformance {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? 'not JSON';
    return fail(
      `${file} cannot be read as JSON (${why}); pass two conformance.json files written by receipt-harness contract`,
    );
  }
  if (!valid(data)) {
    const e = valid.errors?.[0];
    return fail(
      `${file} is not a conformance.json of schema_version 1: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}`,
    );
  }
  return data as Conformance;
}

/** Prints a one-line error and exits 2 (1 is kept for "something broke"). */
function fail(message: string): never {
  console.error(`contract:compare: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
if (args.length !== 2) fail(`expected two files, received ${args.length}; ${USAGE}`);
const [before, after] = args.map(readReport);
const result = compareConformance(before, after);
console.log(comparisonText(result, before, after));
process.exitCode = result.broke.length > 0 ? 1 : 0;
