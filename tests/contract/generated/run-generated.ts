import type { Api } from '../../../client/api.js';
import { redact, redactViolation } from '../../../client/redact.js';
import { contract, type OperationName, type Scope } from '../../../spec/contract.js';
import type { Violation } from '../../../spec/violation.js';
import { hasMessage, type Reference } from '../probes/reference.js';
import { Session } from '../probes/session.js';
import { otherSid } from '../probes/other-sids.js';
import { caseArbitrary, caseExamples } from './case-arbitrary.js';
import { Coverage, type CoverageRow } from './coverage.js';
import { curlLine } from './curl-line.js';
import { explore, type Finding } from './explore.js';
import type { FailureRecord } from './failures-file.js';
import { inputClass } from './gen-case.js';
import type { GeneratedSettings } from './generated-settings.js';
import { discoverKnown, type Known } from './known.js';

/** What the generated phase found and sent: violations (one per cause, shrunk), failure records, coverage, speed. */
export interface GeneratedRun {
  violations: Violation[];
  failures: FailureRecord[];
  coverage: CoverageRow[];
  sent: number;
  /** Distinct cases among them: what the budget bought that was new. */
  distinct: number;
  seconds: number;
  settings: GeneratedSettings;
}

/** The report line of a finding: the violation, its class of input, the seed, and the curl line that repeats it. */
function reported(f: Finding, curl: string, seed: number): Violation {
  return {
    ...f.violation,
    message: `${f.violation.message} [generated ${inputClass(f.case)}, CONTRACT_SEED=${seed}, shrunk; repeat: ${curl}]`,
  };
}

/**
 * Splits the budget: each exploration gets its examples and an equal share of what is left; a budget smaller than all
 * the examples is split in proportion to them. The shares never add up to more than the budget.
 */
export function shareBudget(budget: number, examples: number[]): number[] {
  const total = examples.reduce((n, e) => n + e, 0);
  if (total >= budget) return examples.map((e) => Math.floor((budget * e) / Math.max(total, 1)));
  return examples.map((e) => e + Math.floor((budget - total) / examples.length));
}

/** The operations and scopes to explore: both operations of every scope the target names a message for. */
function targets(knowns: Known[]): { known: Known; op: OperationName }[] {
  return knowns.flatMap((known) =>
    (['list', 'fetch'] as const)
      .filter((op) => op === 'list' || known.receipts.length > 0)
      .map((op) => ({ known, op })),
  );
}

/** Runs the generated phase against the api's target: each operation and scope gets an equal share of the budget. */
export async function runGenerated(
  api: Api,
  refs: Partial<Record<Scope, Reference | null>>,
  settings: GeneratedSettings,
): Promise<GeneratedRun> {
  const started = performance.now();
  const harvest = new Session(api, contract);
  const scopes: Scope[] = (['service', 'default'] as const).filter((s) => refs[s] && hasMessage(api.target, s));
  const knowns = await Promise.all(scopes.map((scope) => discoverKnown(harvest, scope, refs)));
  const coverage = new Coverage();
  const work = targets(knowns);
  const examples = work.map(({ known, op }) => caseExamples(contract, known, op));
  const shares = shareBudget(
    settings.budget,
    examples.map((e) => e.length),
  );
  const seen = { found: new Map<string, Finding>(), coverage, clean: new Set<string>() };
  await Promise.all(
    work.map(({ known, op }, i) =>
      explore(
        api,
        contract,
        caseArbitrary(contract, known, op),
        examples[i],
        shares[i],
        settings.seed + 1000 * i,
        seen,
      ),
    ),
  );
  const other = otherSid(contract, 'account_sid', api.target.accountSid);
  const findings = [...seen.found.values()];
  const failures = findings.map((f): FailureRecord => {
    const curl = curlLine(f.case.path, f.case.auth, other);
    return {
      seed: settings.seed,
      case: f.case,
      check: f.violation.check,
      pointer: f.violation.pointer,
      message: f.violation.message,
      status: f.status,
      curl,
    };
  });
  // Every text the phase hands on passes the one redaction: a hostile target may echo the credentials anywhere.
  const secret = api.target;
  const violations = [...harvest.violations, ...findings.map((f, i) => reported(f, failures[i].curl, settings.seed))];
  return {
    violations: violations.map((v) => redactViolation(v, secret)),
    failures: failures.map((f) => JSON.parse(redact(JSON.stringify(f), secret)) as FailureRecord),
    coverage: coverage.table(),
    sent: coverage.total(),
    distinct: coverage.distinct(),
    seconds: (performance.now() - started) / 1000,
    settings,
  };
}
