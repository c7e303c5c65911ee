import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checks } from '../spec/checks/index.js';
import { contract } from '../spec/contract.js';
import { orExit } from '../client/or-exit.js';
import { UsageError } from '../client/usage-error.js';

/** One accepted deviation: a check, optionally narrowed to an operation, scope and pointer pattern, with a reason. */
export interface KnownEntry {
  check: string;
  operation?: string;
  scope?: string;
  /** A JSON pointer where a `*` segment matches any one segment. */
  pointer?: string;
  reason: string;
  /** Last day (YYYY-MM-DD, UTC) the entry is accepted. */
  expires?: string;
}

/** The known-deviations file, read and validated. */
export interface KnownFile {
  file: string;
  entries: KnownEntry[];
}

const KEYS = ['check', 'operation', 'scope', 'pointer', 'reason', 'expires'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The values an entry may name, read from the spec and the check registry. */
function allowed() {
  return {
    check: checks.map((c) => c.name),
    operation: [...new Set(contract.paths.operations.map((o) => o.name))],
    scope: [...new Set(contract.paths.operations.map((o) => o.scope))],
  };
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function isDate(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

/** Validates one entry; throws a UsageError naming the entry and the field. */
function readEntry(raw: unknown, at: string): KnownEntry {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(`${at}: must be a mapping with check and reason`);
  const e = raw as Record<string, unknown>;
  const named = typeof e.check === 'string' ? `${at} (check ${e.check})` : at;
  const extra = Object.keys(e).find((k) => !KEYS.includes(k));
  if (extra) throw new UsageError(`${named}: unknown key ${JSON.stringify(extra)}; allowed: ${KEYS.join(', ')}`);
  for (const key of KEYS) {
    if (e[key] !== undefined && typeof e[key] !== 'string')
      throw new UsageError(`${named}: ${key} must be a string; received ${JSON.stringify(e[key])}`);
  }
  const lists: Record<string, string[]> = allowed();
  for (const key of ['check', 'operation', 'scope'] as const) {
    const v = e[key] as string | undefined;
    if (key === 'check' && v === undefined)
      throw new UsageError(`${at}: check is missing; name one of ${lists.check.join(', ')}`);
    if (v !== undefined && !lists[key].includes(v))
      throw new UsageError(`${named}: ${key} must be one of ${lists[key].join(', ')}; received ${JSON.stringify(v)}`);
  }
  if (!(e.reason as string | undefined)?.trim())
    throw new UsageError(`${named}: reason is missing; say why the deviation is accepted`);
  const ptr = e.pointer as string | undefined;
  if (ptr !== undefined && ptr !== '' && !ptr.startsWith('/'))
    throw new UsageError(
      `${named}: pointer must be a JSON pointer starting with / (or empty); received ${JSON.stringify(ptr)}`,
    );
  const exp = e.expires as string | undefined;
  if (exp !== undefined && !isDate(exp)) {
    throw new UsageError(`${named}: expires must be a date YYYY-MM-DD; received ${JSON.stringify(exp)}`);
  }
  return e as unknown as KnownEntry;
}

/** Parses and validates the text of a known-deviations file. */
export function parseKnown(text: string, file: string): KnownFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const list = (doc as Record<string, unknown> | null)?.known;
  if (doc === null || typeof doc !== 'object' || !Array.isArray(list))
    throw new UsageError(`${file}: must hold a list under known:`);
  return { file, entries: list.map((raw, i) => readEntry(raw, `${file} entry ${i + 1}`)) };
}

/** Reads CONTRACT_KNOWN: null when unset; a UsageError when the file is missing or malformed. */
export function readKnown(env: Record<string, string | undefined> = process.env): KnownFile | null {
  const file = env.CONTRACT_KNOWN;
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`CONTRACT_KNOWN=${file} cannot be read (${why}); set it to a YAML file with known: [...]`);
  }
  return parseKnown(text, file);
}

/** Reads CONTRACT_KNOWN for the config: a bad file prints its one line and ends the run before any request. */
export function readKnownOrExit(env: Record<string, string | undefined> = process.env): KnownFile | null {
  return orExit('Known deviations', () => readKnown(env));
}
