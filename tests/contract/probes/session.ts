import type { Api } from '../../../fixtures/api.js';
import { redact } from '../../../fixtures/redact.js';
import type { Contract } from '../../../spec/contract.js';
import { assess, type AuthMode, type CheckContext, type Exchange, type Expectation } from '../../../spec/checks/index.js';
import type { Violation } from '../../../spec/violation.js';
import type { ExchangeRecord, RecordedViolation } from '../../../report/conformance-types.js';
import { rowOf, withRows } from '../../../report/row-of.js';

/** A note for the report: which reading of an ambiguous rule the target chose. */
export interface Annotation { type: string; description: string }

/** What a probe found: violations, the bodies behind them (redacted, capped), and notes for the report. */
export interface ProbeResult {
  violations: Violation[];
  bodies: Record<string, string>;
  annotations: Annotation[];
}

const BODY_KEEP = 1200;

/** One probe run: sends requests through the api, judges each exchange with every check, and collects the results. */
export class Session {
  readonly violations: Violation[] = [];
  readonly bodies: Record<string, string> = {};
  readonly annotations: Annotation[] = [];
  /** Every exchange judged, with its operation, scope and the checks that applied (the conformance report's input). */
  readonly exchanges: ExchangeRecord[] = [];

  constructor(readonly api: Api, readonly contract: Contract) {}

  /** GETs a path and judges the exchange with what the probe expects of it. */
  async probe(path: string, expect: Expectation, extra: Partial<CheckContext> = {}, auth: AuthMode = 'valid'): Promise<Exchange> {
    return this.record(await this.api.get(path, auth), expect, extra);
  }

  /** Judges an exchange already sent, for probes that choose the expectation from the answer. */
  record(exchange: Exchange, expect: Expectation, extra: Partial<CheckContext> = {}): Exchange {
    const ctx: CheckContext = { publicUrl: this.api.target.publicUrl, accountSid: this.api.target.accountSid, expect, ...extra };
    const { applied, violations: found } = assess(exchange, this.contract, ctx);
    const request = `${exchange.request.method} ${exchange.request.path}`;
    this.exchanges.push({ request, ...rowOf(exchange.request.path, this.contract), applied });
    if (found.length > 0) {
      this.violations.push(...found);
      // A transport failure has no body; its violation already says what happened.
      if (!exchange.response.error) this.bodies[`${exchange.request.method} ${exchange.request.path}`] = redact(exchange.response.text.slice(0, BODY_KEEP), this.api.target);
    }
    return exchange;
  }

  /** Follows a link from a response: only at TARGET_PUBLIC_URL, swapped for TARGET_URL; null when it cannot be followed. */
  async follow(link: unknown, expect: Expectation, extra: Partial<CheckContext> = {}): Promise<Exchange | null> {
    const path = this.api.pathOf(link);
    return path === null ? null : this.probe(path, expect, extra);
  }

  /** Records a violation found across exchanges (a walk that never ends, too few receipts to test). */
  fail(check: string, pointer: string, message: string): void {
    this.violations.push({ check, pointer, message });
  }

  /** Records which reading of an ambiguous rule the target chose. */
  note(type: string, description: string): void {
    if (!this.annotations.some((a) => a.type === type && a.description === description)) this.annotations.push({ type, description });
  }

  /** What the conformance report needs: the exchanges judged and each violation with its operation and scope. */
  conformance(): { exchanges: ExchangeRecord[]; violations: RecordedViolation[] } {
    return { exchanges: this.exchanges, violations: withRows(this.violations, this.exchanges, this.contract) };
  }

  /** Everything found so far. */
  result(): ProbeResult {
    return { violations: this.violations, bodies: this.bodies, annotations: this.annotations };
  }
}
