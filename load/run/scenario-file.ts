import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { contract, type OperationName } from '../../spec/contract.js';
import { parseThresholdEntry, type ThresholdEntry } from '../thresholds/threshold-entry.js';
import type { Threshold } from '../thresholds/parse-threshold.js';
import { UsageError } from '../../client/usage-error.js';
import type { Options } from './options.js';
import { connectionsWhy, MAX_SECONDS, maxConnections } from './limits.js';

/** One load scenario after defaults and command-line overrides: what to request, how hard, and its SLOs. */
export interface Scenario {
  name: string;
  operation: OperationName;
  /** closed: connections send back to back (peak throughput); open: constant arrival rate (`rate` req/s). */
  mode: 'closed' | 'open';
  rate?: number;
  pageSize: number;
  connections: number;
  pipelining: number;
  warmup: number;
  duration: number;
  maxRequests: number;
  timeout: number;
  sampleEvery: number;
  thresholds: readonly Threshold[];
}

/** What a scenario is when neither the file nor a flag says otherwise. */
export const SCENARIO_DEFAULTS = {
  mode: 'closed',
  pageSize: contract.paging.pageSize.default,
  connections: 10,
  pipelining: 1,
  warmup: 1,
  duration: 5,
  maxRequests: 500_000,
  timeout: 5,
  sampleEvery: 1,
  thresholds: [],
};

// a Node timer holds every time a scenario gives, with room (limits.ts)
const seconds = { type: 'number', exclusiveMinimum: 0, maximum: MAX_SECONDS };
// a rule with k6's abort options: `{ rule: "p99 < 50 over 5s", abortOnFail: true, delayAbortEval: 2 }`
const RULE_OBJECT = {
  type: 'object',
  additionalProperties: false,
  required: ['rule'],
  properties: {
    rule: { type: 'string' },
    abortOnFail: { type: 'boolean' },
    delayAbortEval: { type: 'number', minimum: 0, maximum: MAX_SECONDS },
  },
};
const count = { type: 'integer', minimum: 1 };
const fields = {
  mode: { enum: ['closed', 'open'] },
  rate: count,
  pageSize: { type: 'integer', minimum: contract.paging.pageSize.min, maximum: contract.paging.pageSize.max },
  connections: count,
  pipelining: count,
  duration: seconds,
  maxRequests: count,
  timeout: { type: 'number', minimum: 1, maximum: MAX_SECONDS },
  sampleEvery: count, // autocannon's timeout is whole seconds, at least 1
  warmup: { type: 'number', minimum: 0, maximum: MAX_SECONDS },
  thresholds: { type: 'array', items: { type: ['string', 'object'], if: { type: 'object' }, then: RULE_OBJECT } },
};
const operations = [...new Set(contract.paths.operations.map((o) => o.name))];
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['scenarios'],
  properties: {
    defaults: { type: 'object', additionalProperties: false, properties: fields },
    scenarios: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'operation'],
        properties: {
          ...fields,
          name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
          operation: { enum: operations },
        },
      },
    },
  },
};
// verbose: an unknown key's error can list the keys allowed there; union types: a rule is a string or an object
const validateFile = new Ajv({ allErrors: false, verbose: true, allowUnionTypes: true }).compile(SCHEMA);

/** `scenarios.yaml /scenarios/0/duration: must be > 0 (allowed: …)`. */
function describe(file: string, e: ErrorObject): string {
  const allowed =
    e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).join(', ');
  const extra =
    e.keyword === 'additionalProperties'
      ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"; allowed: ${known}`
      : '';
  return `${file} ${e.instancePath || '/'}: ${e.message}${extra}${allowed}`;
}

/** Loads, validates and resolves a scenario file; every mistake (thresholds included) is caught before any load is sent. */
export function loadScenarioFile(file: string, options: Partial<Options> = {}): Scenario[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`scenario file ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!validateFile(doc)) throw new UsageError(describe(file, validateFile.errors![0]));
  const { defaults = {}, scenarios } = doc as { defaults?: object; scenarios: Record<string, unknown>[] };
  checkNames(file, scenarios);
  const chosen = options.scenarios?.length ? options.scenarios : scenarios.map((s) => s.name as string);
  for (const name of chosen) {
    if (!scenarios.some((s) => s.name === name))
      throw new UsageError(
        `--scenario: no scenario "${name}" in ${file}; allowed: ${scenarios.map((s) => s.name).join(', ')}`,
      );
  }
  // the pointer names the scenario's place in the file, also when --scenario picks a few
  return scenarios
    .map((s, i) => ({ s, where: `${file} /scenarios/${i}` }))
    .filter(({ s }) => chosen.includes(s.name as string))
    .map(({ s, where }) => resolve({ ...SCENARIO_DEFAULTS, ...defaults, ...s }, where, options));
}

/** Each scenario's name once: results, reports and merges know a scenario by its name. */
function checkNames(file: string, scenarios: Record<string, unknown>[]): void {
  const first = new Map<unknown, number>();
  for (const [i, s] of scenarios.entries()) {
    if (first.has(s.name))
      throw new UsageError(
        `${file} /scenarios/${i}/name: "${s.name as string}" is also the name of /scenarios/${first.get(s.name)}; ` +
          'give each scenario its own name',
      );
    first.set(s.name, i);
  }
}

function resolve(raw: Record<string, unknown>, where: string, o: Partial<Options>): Scenario {
  const s = {
    ...raw,
    ...(o.duration && { duration: o.duration }),
    ...(o.connections && { connections: o.connections }),
    ...(o.warmup !== undefined && { warmup: o.warmup }),
  } as Record<string, unknown>;
  if (o.rate) Object.assign(s, { mode: 'open', rate: o.rate });
  if ((s.connections as number) > maxConnections())
    // a flag's value was refused already: the file said it
    throw new UsageError(`${where}/connections: got ${s.connections as number}; allowed: ${connectionsWhy()}`);
  if (s.mode === 'open' && !s.rate)
    throw new UsageError(
      `${where}/rate: an open-loop scenario needs a rate (requests/s), e.g. rate: 500 or --rate 500`,
    );
  if (s.mode === 'open' && s.pipelining !== 1)
    throw new UsageError(
      `${where}/pipelining: an open-loop scenario sends one request at a time per connection; set pipelining: 1`,
    );
  // a window is checked against the file's duration: a shorter --duration (a smoke run) is judged as one window
  const thresholds = (s.thresholds as ThresholdEntry[]).map((t, j) =>
    parseThresholdEntry(t, `${where}/thresholds/${j}`, raw.duration as number),
  );
  return Object.freeze({ ...(s as unknown as Scenario), thresholds: Object.freeze(thresholds) });
}
