import type { LoadResult } from '../result/load-result.js';
import type { ResolvedSettings } from '../result/provenance.js';
import { shardText, type Shard } from '../shards/shard.js';
import { UsageError } from '../../client/usage-error.js';

/** One result given to a merge, with the file it came from (named in every message). */
export interface MergeInput {
  file: string;
  result: LoadResult;
}

/** What the checks found: whether the inputs are the shards of one run, each scenario's start skew, notes. */
export interface ProvenanceCheck {
  sharded: boolean;
  skew_ms: Record<string, number>;
  notes: string[];
}

const fail = (text: string): never => {
  throw new UsageError(`merge: ${text}`);
};
// an input file is untrusted: a value is shown short, never stringified whole
const show = (v: unknown): string => JSON.stringify(v)?.slice(0, 80) ?? 'nothing';
const short = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 12) : typeof v);
const shardOf = (i: MergeInput): Shard | null => i.result.run?.shard ?? null;

/** Each generator once: one in two inputs (a file twice, a merge and one of its inputs) would count twice. */
function checkGenerators(inputs: MergeInput[]): void {
  const seen = new Map<string, string>();
  for (const { file, result } of inputs) {
    for (const g of Array.isArray(result.generators) ? result.generators : []) {
      // with its shard: a test may run several shards in one process at once (real ones are processes of their own)
      const key = JSON.stringify([g?.host, g?.pid, g?.started, result.run?.shard]);
      const other = seen.get(key);
      if (other !== undefined && other !== file)
        fail(
          `${other} and ${file} hold the same generator (host ${show(g.host)} pid ${show(g.pid)} started ` +
            `${show(g.started)}): give each generator's result once`,
        );
      seen.set(key, file);
    }
  }
}

/** All N shards present once each, with the same N; or no shard anywhere (whole-load generators). */
function checkShards(inputs: MergeInput[]): boolean {
  const sharded = inputs.filter((i) => shardOf(i));
  if (sharded.length === 0) return false;
  const plain = inputs.find((i) => !shardOf(i));
  if (plain)
    fail(`${plain.file} ran the whole load but ${sharded[0].file} ran shard ${shardText(shardOf(sharded[0])!)}`);
  const count = shardOf(sharded[0])!.count;
  const odd = sharded.find((i) => shardOf(i)!.count !== count);
  if (odd) fail(`${odd.file} is shard ${shardText(shardOf(odd)!)} but ${sharded[0].file} is one of ${count}`);
  const byIndex = new Map<number, string>();
  for (const i of sharded) {
    const { index } = shardOf(i)!;
    if (byIndex.has(index)) fail(`shard ${index}/${count} given twice: ${byIndex.get(index)} and ${i.file}`);
    byIndex.set(index, i.file);
  }
  const have = [...byIndex].sort(([a], [b]) => a - b).map(([k, file]) => `${k}/${count} from ${file}`);
  for (let k = 1; k <= count; k++)
    if (!byIndex.has(k)) fail(`shard ${k}/${count} is missing (have ${have.join(', ')})`);
  return true;
}

/** The same scenario file (by hash) and the same resolved settings and thresholds everywhere; names what differs. */
function checkSameRun(inputs: MergeInput[]): void {
  const [first, ...rest] = inputs;
  const a = first.result.run;
  for (const { file, result } of rest) {
    const b = result.run;
    if (a.scenario_sha256 !== b.scenario_sha256)
      fail(
        `${file} ran another scenario file than ${first.file} (sha256 ${short(b.scenario_sha256)}… of ` +
          `${show(b.scenario_file)} vs ${short(a.scenario_sha256)}… of ${show(a.scenario_file)})`,
      );
    for (const name of new Set([...Object.keys(a.settings), ...Object.keys(b.settings)])) {
      if (!a.settings[name] || !b.settings[name])
        fail(
          `scenario ${show(name)} ran in ${a.settings[name] ? first.file : file} only; ` +
            'give every generator the same --scenario',
        );
      const key = differingKey(a.settings[name], b.settings[name]);
      if (key)
        fail(
          `${file} differs from ${first.file} in ${name}.${key}: ${show(b.settings[name][key])} vs ` +
            `${show(a.settings[name][key])} (give every generator the same scenario file and flags)`,
        );
    }
  }
}

/** The first setting whose values differ, compared as JSON (thresholds are objects). */
function differingKey(a: ResolvedSettings, b: ResolvedSettings): keyof ResolvedSettings | null {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ResolvedSettings>;
  for (const k of keys) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  return null;
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 23);
const span = (w: { file: string; from: number; to: number }): string => `${w.file} ${clock(w.from)}–${clock(w.to)}`;

/** Each scenario's measured windows [start, start + duration] must intersect; returns the start skew per scenario. */
function checkWindows(inputs: MergeInput[]): Record<string, number> {
  const skew: Record<string, number> = {};
  const names = new Set(inputs.flatMap((i) => i.result.scenarios.map((s) => s.name)));
  for (const name of names) {
    // a generator that measured nothing would leave its share of the load out of numbers that could still pass
    for (const { file, result } of inputs) {
      const idle = result.scenarios.find((s) => s.name === name && s.requests.total === 0);
      if (idle) {
        const who = result.run?.shard ? `shard ${result.run.shard.index}/${result.run.shard.count} (${file})` : file;
        fail(`${name} was not measured by ${who}: ${idle.notes[0] ?? 'no response was received'}`);
      }
    }
    const windows = inputs.flatMap(({ file, result }) =>
      result.scenarios
        .filter((s) => s.name === name && s.duration > 0) // a scenario that did not run has no window
        .map((s) => ({ file, from: Date.parse(s.start), to: Date.parse(s.start) + s.duration * 1000 })),
    );
    if (windows.length === 0) continue;
    const from = Math.max(...windows.map((w) => w.from));
    const to = Math.min(...windows.map((w) => w.to));
    if (!(from < to))
      fail(
        `the measured windows of ${name} do not overlap (${windows.map(span).join(', ')}); ` +
          'start every generator at the same instant, e.g. with --start-at',
      );
    skew[name] = from - Math.min(...windows.map((w) => w.from));
  }
  return skew;
}

/** Checks that the inputs are one run's generators before they are added up; a failure names the files. */
export function checkProvenance(inputs: MergeInput[]): ProvenanceCheck {
  const bare = inputs.find(({ result: { run } }) => typeof run?.settings !== 'object' || run.settings === null);
  if (bare) fail(`${bare.file} has no provenance (run.settings); write it again with receipt-harness load`);
  const sharded = checkShards(inputs); // first: a shard given twice is named as such
  checkGenerators(inputs);
  checkSameRun(inputs);
  const skew_ms = checkWindows(inputs);
  const notes =
    !sharded && inputs.length > 1
      ? [
          `${inputs.length} generators without --shard: each applied the whole scenario, so the target got ` +
            `${inputs.length} times its load (--shard i/N splits one load)`,
        ]
      : [];
  return { sharded, skew_ms, notes };
}
