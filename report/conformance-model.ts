import type { KnownEntry } from '../conformance/known-deviations.js';

/** The version of conformance.json's shape (report/conformance.schema.json); bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

/** held: applied, no violation; broken: a violation no known entry covers; known: only covered ones. */
export type RowStatus = 'held' | 'broken' | 'known' | 'not exercised';

/** One rule: a check on one operation and scope, and what the run saw of it. */
export interface ConformanceRow {
  check: string;
  operation: string;
  scope: string;
  status: RowStatus;
  /** Exchanges the check applied to. */
  exchanges: number;
  violations: number;
  /** Of those, how many a known entry covers. */
  known: number;
  /** The first violation in the one-line form (an uncovered one first). */
  first?: string;
}

/**
 * matched: covered violations this run; fixed: its check was exercised and found nothing (remove it); not exercised:
 * its check did not run (a -g or --shard selection), so nothing is known (keep it); expired: past its date (fails the run).
 */
export type EntryStatus = 'matched' | 'fixed' | 'not exercised' | 'expired';

/** A known entry with what this run made of it. */
export interface KnownOutcome extends KnownEntry {
  entry: number;
  status: EntryStatus;
  matched: number;
}

/** The whole report: what conformance.json holds and the Markdown and HTML show. */
export interface Conformance {
  schema_version: typeof SCHEMA_VERSION;
  generated_at: string;
  verdict: 'conforms' | 'conforms with known deviations' | 'does not conform';
  target: { url: string; embedded: boolean };
  spec_version: string;
  seed: string;
  headline: {
    rules_held: number;
    rules_exercised: number;
    rules_broken: number;
    rules_known: number;
    rules_total: number;
    checks_exercised: number;
    checks_total: number;
  };
  rows: ConformanceRow[];
  readings: { type: string; description: string }[];
  known: { file: string; entries: KnownOutcome[] } | null;
  /** Up to FIRST_SHOWN violations in the one-line form, uncovered first. */
  first_violations: string[];
  tests: number;
  /** Contract tests that failed outside the checks (an error, a timeout): what they would have judged is missing. */
  unjudged: string[];
  /** Contract tests skipped, grouped by the reason they give: a setting that adds them (tenancy, the default
   * service), or a limit that cut the run short (a target serving nothing but 429s, the deadline). */
  not_run: NotRun[];
}

/** Tests skipped for one reason (which names the settings that would run them, or the limit that stopped them). */
export interface NotRun {
  reason: string;
  tests: string[];
}

/** How many violations the report lists in full. */
export const FIRST_SHOWN = 10;

/** The one-line verdict a pull-request comment opens with; never one score that hides a broken rule. */
export function verdictLine(c: Conformance): string {
  const h = c.headline;
  const share = h.checks_total ? Math.round((100 * h.checks_exercised) / h.checks_total) : 0;
  const mark = c.verdict === 'does not conform' ? '✗' : '✓';
  const broken = h.rules_broken ? `, ${h.rules_broken} broken` : '';
  const known = h.rules_known ? `, ${h.rules_known} known` : '';
  const expired = c.known?.entries.filter((e) => e.status === 'expired').length ?? 0;
  const exp = expired ? `, ${expired} known entr${expired === 1 ? 'y' : 'ies'} expired` : '';
  const idle = h.rules_total - h.rules_exercised;
  const n = c.unjudged.length;
  const unjudged = n ? `, ${n} test${n === 1 ? '' : 's'} failed outside the checks` : '';
  return (
    `${mark} ${c.verdict}: ${h.rules_held} of ${h.rules_exercised} rules exercised held` +
    `${broken}${known}${exp}${unjudged}` +
    ` (${idle} of ${h.rules_total} rules not exercised); ` +
    `${h.checks_exercised} of ${h.checks_total} checks exercised (${share}%)`
  );
}
