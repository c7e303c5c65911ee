import { mergeHistograms } from '../measure/histograms.js';
import { addOutcomes } from '../send/outcomes.js';
import { checkProvenance, type MergeInput } from './check-provenance.js';
import { RESULT_SCHEMA, type LoadResult } from '../result/load-result.js';
import { shardText } from '../shards/shard.js';
import { finalize, type ScenarioPart, type ScenarioResult } from '../result/scenario-result.js';
import { mergeSeries } from '../measure/series.js';
import { UsageError } from '../../client/usage-error.js';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const unique = (xs: string[]): string[] => [...new Set(xs)];
// an input file is untrusted: quote a short string, name anything else by its type (never stringify it whole)
const describe = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v.slice(0, 60)) : v === null ? 'null' : typeof v;

/** A scenario of one input as a part of the merge (an input that was itself a merge gives its own parts). */
function partsOf(s: ScenarioResult, generator: string): ScenarioPart[] {
  if (s.parts?.length) return s.parts;
  const { start, duration, latency, errors, non2xx, mismatches, status_codes, series } = s;
  const requests = { total: s.requests.total, average: s.requests.average };
  return [{ generator, start, duration, requests, latency, errors, non2xx, mismatches, status_codes, series }];
}

/** A generator as the merged report names it, with its shard when it ran one (`host pid 123 shard 2/3`). */
export function generatorLabel(g: LoadResult['generators'][number], shard?: LoadResult['run']['shard']): string {
  return `${g.host} pid ${g.pid}${shard ? ` shard ${shardText(shard)}` : ''}`;
}

/** How an input's generators are named in the merged report. */
const labelOf = (r: LoadResult): string => r.generators.map((g) => generatorLabel(g, r.run?.shard)).join(', ');

/** One scenario run on several generators at once: counts and rates add up, the latency histograms merge exactly. */
export function mergeScenario(
  parts: ScenarioResult[],
  labels: string[] = parts.map((_, i) => `input ${i + 1}`),
  sharded = false,
): ScenarioResult {
  const [first] = parts;
  const odd = parts.find((p) => p.operation !== first.operation || p.mode !== first.mode);
  if (odd)
    throw new UsageError(
      `merge: scenario "${first.name}" is ${first.operation}/${first.mode} in one file and ${odd.operation}/${odd.mode} in another`,
    );
  const total = (f: (p: ScenarioResult) => number): number => sum(parts.map(f));
  const codes: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.status_codes)) codes[code] = (codes[code] ?? 0) + n;
  return finalize(
    {
      name: first.name,
      operation: first.operation,
      mode: first.mode,
      settings: {
        ...first.settings,
        connections: total((p) => p.settings.connections),
        rate: first.settings.rate === null ? null : total((p) => p.settings.rate ?? 0),
        maxRequests: total((p) => p.settings.maxRequests),
      },
      // shards rotate over disjoint parts of the paths; whole-load generators over the same ones
      urls: sharded ? total((p) => p.urls) : Math.max(...parts.map((p) => p.urls)),
      generators: total((p) => p.generators),
      start: parts.map((p) => p.start).sort()[0],
      duration: Math.max(...parts.map((p) => p.duration)),
      requests: { total: total((p) => p.requests.total), sent: total((p) => p.requests.sent) },
      outcomes: addOutcomes(parts.map((p) => p.outcomes)),
      throughput: { total: total((p) => p.throughput.total) },
      errors: total((p) => p.errors),
      timeouts: total((p) => p.timeouts),
      non2xx: total((p) => p.non2xx),
      mismatches: total((p) => p.mismatches),
      sampled: total((p) => p.sampled),
      rate_limited: total((p) => p.rate_limited),
      retry_after: Math.max(...parts.map((p) => p.retry_after)),
      status_codes: codes,
      series: mergeSeries(parts.map((p) => p.series)),
      parts: parts.flatMap((p, i) => partsOf(p, labels[i])),
      invalid_examples: unique(parts.flatMap((p) => p.invalid_examples)).slice(0, 5),
      notes: unique(parts.flatMap((p) => p.notes)),
    },
    mergeHistograms(parts.map((p) => p.histogram)),
    first.thresholds,
    {
      requests: total((p) => p.requests.average),
      bytes: total((p) => p.throughput.average), // concurrent generators: rates add
    },
  );
}

/** Merges the results of generators that ran one load at the same time, provenance checked, thresholds judged again. */
export function mergeResults(
  results: LoadResult[],
  files: string[] = results.map((_, i) => `input ${i + 1}`),
): LoadResult {
  const bad = results.findIndex((r) => r?.schema !== RESULT_SCHEMA);
  const older = results[bad]?.schema;
  if (typeof older === 'string' && /^receipt-load-result\/[12]$/.test(older))
    throw new UsageError(
      `merge: ${files[bad]} is ${older}, from a version without request outcomes; run it again with this one`,
    );
  if (bad >= 0)
    throw new UsageError(
      `merge: ${files[bad]} is not a load result ` +
        `(schema ${describe(results[bad]?.schema)}; expected "${RESULT_SCHEMA}")`,
    );
  const inputs: MergeInput[] = results.map((result, i) => ({ file: files[i], result }));
  const { sharded, skew_ms, notes } = checkProvenance(inputs);
  const names = unique(results.flatMap((r) => r.scenarios.map((s) => s.name)));
  const scenarios = names.map((n) => {
    const having = results.filter((r) => r.scenarios.some((s) => s.name === n));
    const parts = having.map((r) => r.scenarios.find((s) => s.name === n)!);
    return mergeScenario(parts, having.map(labelOf), sharded);
  });
  const shard = (r: LoadResult): string | null => (r.run.shard ? shardText(r.run.shard) : null);
  return {
    schema: RESULT_SCHEMA,
    generators: results.flatMap((r) => r.generators),
    target: {
      url: unique(results.map((r) => r.target.url)).join(', '),
      embedded: results.every((r) => r.target.embedded),
    },
    run: { ...results[0].run, shard: null },
    merge: {
      inputs: inputs.map((i) => ({ file: i.file, generator: labelOf(i.result), shard: shard(i.result) })),
      skew_ms,
      notes,
    },
    started: results.map((r) => r.started).sort()[0],
    finished: results
      .map((r) => r.finished)
      .sort()
      .at(-1)!,
    passed: scenarios.every((s) => s.passed),
    scenarios,
  };
}

/** The console lines that tell what a merge found: the generators, each scenario's start skew, and its notes. */
export function mergeLines(merged: LoadResult): string[] {
  const info = merged.merge;
  if (!info) return [];
  const skew = Object.entries(info.skew_ms).map(([name, ms]) => `${name} ${ms} ms`);
  return [
    ...info.inputs.map((i) => `merged ${i.file}: ${i.generator}`),
    ...(skew.length ? [`start skew (latest minus earliest measured start): ${skew.join(', ')}`] : []),
    ...info.notes.map((n) => `note: ${n}`),
  ];
}
