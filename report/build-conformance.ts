import { checks as registry, type Check } from '../spec/checks/index.js';
import type { Contract } from '../spec/contract.js';
import { formatViolation } from '../spec/violation.js';
import type { RecordedViolation, TestRecord } from '../conformance/record-types.js';
import {
  FIRST_SHOWN,
  SCHEMA_VERSION,
  type Conformance,
  type ConformanceRow,
  type KnownOutcome,
  type NotRun,
} from './conformance-model.js';
import type { KnownFile } from '../conformance/known-deviations.js';
import { isExpired, today } from '../conformance/known-match.js';

/** What the report says about the run beyond the tests' records. */
export interface RunFacts {
  /** Contract tests that failed outside the checks (an error, a timeout), as `title: first line of the error`. */
  unjudged?: string[];
  /** Contract tests skipped, with the reason each gave (a setting that is not set). */
  skipped?: { test: string; reason: string }[];
  targetUrl: string;
  embedded: boolean;
  seed: string;
  now?: Date;
}

const key = (check: string, operation: string, scope: string) => `${check} ${operation} ${scope}`;

/** Every rule the registry can judge: each check on each operation it may apply to, in both scopes. */
function rulesOf(contract: Contract, checks: readonly Check[]): ConformanceRow[] {
  return checks.flatMap((c) =>
    contract.paths.operations
      .filter((o) => c.applies.operation === undefined || c.applies.operation === o.name)
      .map((o) => ({
        check: c.name,
        operation: o.name,
        scope: o.scope,
        status: 'not exercised' as const,
        exchanges: 0,
        violations: 0,
        known: 0,
      })),
  );
}

/** Counts exchanges and violations into rows; a finding of a name outside the registry gets a row of its own. */
function fillRows(rows: ConformanceRow[], records: TestRecord[]): ConformanceRow[] {
  const byKey = new Map(rows.map((r) => [key(r.check, r.operation, r.scope), r]));
  const row = (check: string, operation: string, scope: string) => {
    const k = key(check, operation, scope);
    if (!byKey.has(k))
      byKey.set(k, { check, operation, scope, status: 'not exercised', exchanges: 0, violations: 0, known: 0 });
    return byKey.get(k)!;
  };
  for (const rec of records)
    for (const ex of rec.exchanges) for (const c of ex.applied) row(c, ex.operation, ex.scope).exchanges++;
  const uncoveredFirst = (v: RecordedViolation) => (v.known === undefined ? 0 : 1);
  const all = records.flatMap((r) => r.violations).sort((a, b) => uncoveredFirst(a) - uncoveredFirst(b));
  for (const v of all) {
    const r = row(v.check, v.operation, v.scope);
    r.violations++;
    if (v.known !== undefined) r.known++;
    r.first ??= formatViolation(v);
  }
  for (const r of byKey.values()) {
    r.status =
      r.violations > r.known ? 'broken' : r.violations > 0 ? 'known' : r.exchanges > 0 ? 'held' : 'not exercised';
  }
  return [...byKey.values()];
}

/** What each known entry did this run: an entry whose check never ran is not called fixed. */
function outcomes(known: KnownFile, records: TestRecord[], day: string, exercised: Set<string>): KnownOutcome[] {
  const hits = records.flatMap((r) => r.violations).map((v) => v.known);
  return known.entries.map((e, i) => {
    const matched = hits.filter((h) => h === i).length;
    const quiet = exercised.has(e.check) ? 'fixed' : 'not exercised';
    return { ...e, entry: i + 1, matched, status: isExpired(e, day) ? 'expired' : matched > 0 ? 'matched' : quiet };
  });
}

/** Builds the report from every contract test's record. */
export function buildConformance(
  records: TestRecord[],
  known: KnownFile | null,
  info: RunFacts,
  contract: Contract,
): Conformance {
  const now = info.now ?? new Date();
  const rows = fillRows(rulesOf(contract, registry), records);
  const count = (s: ConformanceRow['status']) => rows.filter((r) => r.status === s).length;
  const exercised = new Set(rows.filter((r) => r.status !== 'not exercised').map((r) => r.check));
  const entries = known ? outcomes(known, records, today(now), exercised) : [];
  const readings = new Map(records.flatMap((r) => r.annotations).map((a) => [`${a.type}\n${a.description}`, a]));
  const violations = records.flatMap((r) => r.violations);
  const lines = [
    ...violations.filter((v) => v.known === undefined).map(formatViolation),
    ...violations.filter((v) => v.known !== undefined).map((v) => `(known) ${formatViolation(v)}`),
  ];
  const failed = count('broken') > 0 || entries.some((e) => e.status === 'expired') || (info.unjudged ?? []).length > 0;
  return {
    schema_version: SCHEMA_VERSION,
    generated_at: now.toISOString(),
    verdict: failed ? 'does not conform' : count('known') > 0 ? 'conforms with known deviations' : 'conforms',
    target: { url: info.targetUrl, embedded: info.embedded },
    spec_version: String(contract.doc.info ? (contract.doc.info as { version: unknown }).version : ''),
    seed: info.seed,
    headline: {
      rules_held: count('held'),
      rules_exercised: rows.length - count('not exercised'),
      rules_broken: count('broken'),
      rules_known: count('known'),
      rules_total: rows.length,
      checks_exercised: registry.filter((c) => exercised.has(c.name)).length,
      checks_total: registry.length,
    },
    rows,
    readings: [...readings.values()],
    known: known ? { file: known.file, entries } : null,
    first_violations: lines.slice(0, FIRST_SHOWN),
    tests: records.length,
    unjudged: info.unjudged ?? [],
    not_run: notRun(info.skipped ?? []),
  };
}

/** Skipped tests grouped by their reason, in the order the reasons first appear. */
function notRun(skipped: { test: string; reason: string }[]): NotRun[] {
  const byReason = new Map<string, string[]>();
  for (const { test, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), test]);
  return [...byReason].map(([reason, tests]) => ({ reason, tests }));
}
