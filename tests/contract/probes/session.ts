import type { Api } from '../../../client/api.js';
import { redactViolation } from '../../../client/redact.js';
import type { Contract } from '../../../spec/contract.js';
import {
  assess,
  type AuthMode,
  type CheckContext,
  type Exchange,
  type Expectation,
} from '../../../spec/checks/index.js';
import type { Violation } from '../../../spec/violation.js';
import type { ExchangeRecord, RecordedViolation } from '../../../conformance/record-types.js';
import type { RunFinding } from '../../../conformance/run-findings.js';
import { rowOf, withRows } from '../../../conformance/row-of.js';

/** A note for the report: which reading of an ambiguous rule the target chose. */
export interface Annotation {
  type: string;
  description: string;
}

/** What a probe found: violations, the bodies behind them (redacted, capped), and notes for the report. */
export interface ProbeResult {
  violations: Violation[];
  bodies: Record<string, string>;
  annotations: Annotation[];
}

const BODY_KEEP = 1200;
/** Violations one probe keeps (judge() bounds each exchange; a walk has many): the rest are counted in the last line. */
export const MAX_VIOLATIONS = 200;
/** Bodies one probe keeps as evidence: the report shows the first, a few more help when reading the JSON. */
const MAX_BODIES = 20;

/** One probe run: sends requests through the api, judges each exchange with every check, and collects the results. */
export class Session {
  readonly violations: Violation[] = [];
  readonly bodies: Record<string, string> = {};
  readonly annotations: Annotation[] = [];
  /** Every exchange judged, with its operation, scope and the checks that applied (the conformance report's input). */
  readonly exchanges: ExchangeRecord[] = [];
  private dropped: Violation | null = null;
  private droppedCount = 0;

  constructor(
    readonly api: Api,
    readonly contract: Contract,
  ) {}

  /** GETs a path and judges the exchange with what the probe expects of it. */
  async probe(
    path: string,
    expect: Expectation,
    extra: Partial<CheckContext> = {},
    auth: AuthMode = 'valid',
  ): Promise<Exchange> {
    const exchange = await this.api.get(path, auth, (type, description) => this.note(type, description));
    return this.record(exchange, expect, extra);
  }

  /** Judges an exchange already sent, for probes that choose the expectation from the answer. */
  record(exchange: Exchange, expect: Expectation, extra: Partial<CheckContext> = {}): Exchange {
    const ctx: CheckContext = {
      publicUrl: this.api.target.publicUrl,
      accountSid: this.api.target.accountSid,
      expect,
      ...extra,
    };
    const { applied, violations: found } = assess(exchange, this.contract, ctx);
    const key = this.clean(`${exchange.request.method} ${exchange.request.path}`);
    this.exchanges.push({ request: key, ...rowOf(exchange.request.path, this.contract), applied });
    if (found.length === 0) return exchange;
    for (const v of found) this.keep(v); // a loop, not push(...found): no argument-count limit on a huge list
    // A transport failure has no body; its violation already says what happened.
    if (!exchange.response.error && Object.keys(this.bodies).length < MAX_BODIES) {
      this.bodies[key] = this.clean(exchange.response.text.slice(0, BODY_KEEP));
    }
    return exchange;
  }

  /** Follows a link from a response: only at TARGET_PUBLIC_URL, swapped for TARGET_URL; null when it cannot be followed. */
  async follow(link: unknown, expect: Expectation, extra: Partial<CheckContext> = {}): Promise<Exchange | null> {
    const path = this.api.pathOf(link);
    return path === null ? null : this.probe(path, expect, extra);
  }

  /** Records a finding of the run that no check makes (a probe that stopped, too few receipts to probe). */
  fail(finding: RunFinding, message: string): void {
    this.keep({ check: finding, pointer: '', message });
  }

  /** Takes over what another session found (discovery runs before the tests; the test that reports it adopts it). */
  adopt(other: Session): void {
    for (const v of other.violations) this.keep(v);
    for (const [k, body] of Object.entries(other.bodies))
      if (Object.keys(this.bodies).length < MAX_BODIES) this.bodies[k] = body;
    for (const a of other.annotations) this.note(a.type, a.description);
    this.exchanges.push(...other.exchanges);
  }

  /** Records which reading of an ambiguous rule the target chose. */
  note(type: string, description: string): void {
    const clean = { type: this.clean(type), description: this.clean(description) };
    const seen = this.annotations.some((a) => a.type === clean.type && a.description === clean.description);
    if (!seen) this.annotations.push(clean);
  }

  /** What the conformance report needs: the exchanges judged and each violation with its operation and scope. */
  conformance(): { exchanges: ExchangeRecord[]; violations: RecordedViolation[] } {
    return { exchanges: this.exchanges, violations: withRows(this.violations, this.exchanges, this.contract) };
  }

  /** Everything found so far. */
  result(): ProbeResult {
    return { violations: this.violations, bodies: this.bodies, annotations: this.annotations };
  }

  /** Keeps a violation, redacted and with its evidence as bounded text, or counts it once the probe has enough. */
  private keep(v: Violation): void {
    if (this.violations.length < MAX_VIOLATIONS) {
      this.violations.push(this.redacted(v));
      return;
    }
    this.droppedCount++;
    this.dropped ??= { check: v.check, pointer: '', message: '' };
    this.dropped.message = `… and ${this.droppedCount} more violation(s) not listed (a probe keeps ${MAX_VIOLATIONS})`;
    if (this.droppedCount === 1) this.violations.push(this.dropped);
  }

  /** Every text of a violation through the one redaction: values quoted from a 200 body may carry the credentials. */
  private redacted(v: Violation): Violation {
    return redactViolation(v, this.api.target);
  }

  /** The api's own redactor (the target's forms derived once), for every text the session keeps. */
  private clean(text: string): string {
    return this.api.redactor.redact(text);
  }
}
