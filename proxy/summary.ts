import { checks } from '../spec/checks/index.js';
import type { Violation } from '../spec/violation.js';
import type { TrafficVerdict } from '../conformance/judge-traffic.js';

/** Operation and scope of a verdict, as the summary groups them: `list/service`, `fetch/default`… */
export type Slot = `${TrafficVerdict['operation']}/${TrafficVerdict['scope']}`;
/** Every slot, in the order the tables show them. */
export const slots: readonly Slot[] = ['list/service', 'list/default', 'fetch/service', 'fetch/default'];

/** How one check fared in one slot; both zero means not exercised. */
export interface Tally {
  held: number;
  broken: number;
}

/** What a summary keeps: bounded, so a proxy running for days does not grow without end. */
const MAX_KEPT = { verdicts: 5_000, violations: 1_000 };

/** The summary of a run of traffic: per check and slot held/broken, the violations, and each exchange's verdict. */
export class Summary {
  private readonly tallies = new Map<string, Record<Slot, Tally>>();
  readonly verdicts: TrafficVerdict[] = [];
  readonly violations: Violation[] = [];
  exchanges = 0;
  /** Exchanges the spec does not describe (another path or method): forwarded, not judged. */
  outside = 0;
  violationCount = 0;

  constructor(readonly source: string) {
    for (const c of checks)
      this.tallies.set(
        c.name,
        Object.fromEntries(slots.map((s) => [s, { held: 0, broken: 0 }])) as Record<Slot, Tally>,
      );
  }

  /** Adds one exchange's verdict (null: outside the spec). */
  add(verdict: TrafficVerdict | null): void {
    this.exchanges++;
    if (!verdict) return void this.outside++;
    const slot: Slot = `${verdict.operation}/${verdict.scope}`;
    const broken = new Set(verdict.violations.map((v) => v.check));
    for (const name of verdict.applied) {
      const tally = this.tallies.get(name)?.[slot];
      if (tally) tally[broken.has(name) ? 'broken' : 'held']++;
    }
    this.violationCount += verdict.violations.length;
    if (this.verdicts.length < MAX_KEPT.verdicts) this.verdicts.push(verdict);
    for (const v of verdict.violations) if (this.violations.length < MAX_KEPT.violations) this.violations.push(v);
  }

  /** held, broken, or not exercised, for one check over every slot. */
  status(name: string): 'held' | 'broken' | 'not exercised' {
    const all = Object.values(this.tallies.get(name) ?? {});
    if (all.some((t) => t.broken > 0)) return 'broken';
    return all.some((t) => t.held > 0) ? 'held' : 'not exercised';
  }

  /** The summary as plain data (the JSON report). */
  toJSON(): object {
    return {
      source: this.source,
      exchanges: this.exchanges,
      judged: this.exchanges - this.outside,
      outside: this.outside,
      violationCount: this.violationCount,
      checks: checks.map((c) => ({
        check: c.name,
        holds: c.holds,
        status: this.status(c.name),
        slots: this.tallies.get(c.name),
      })),
      violations: this.violations,
      truncated: {
        verdicts: this.verdicts.length < this.exchanges - this.outside,
        violations: this.violations.length < this.violationCount,
      },
      verdicts: this.verdicts,
    };
  }

  /** The tally of one check in one slot, for the tables. */
  tally(name: string, slot: Slot): Tally {
    return this.tallies.get(name)?.[slot] ?? { held: 0, broken: 0 };
  }
}
