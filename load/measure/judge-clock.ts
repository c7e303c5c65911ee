/** The share of the generator's time judging may take; past it, answers go unjudged (and counted). */
export const JUDGE_SHARE = 0.5;
/** Judging time saved up while the target was slow, at most (ms): a burst after a lull is judged, not a minute's worth. */
const MAX_CREDIT_MS = 250;

/** Keeps judging to its share of the generator's time: credit grows with the clock and each judgment spends it. */
export interface JudgeClock {
  /** True when there is credit left for one more judgment; call `spent` after it. */
  mayJudge(): boolean;
  /** The judgment that `mayJudge` allowed is done. */
  spent(): void;
}

/** A JudgeClock at `share` of the time (performance.now()). */
export function createJudgeClock(share = JUDGE_SHARE): JudgeClock {
  let credit = MAX_CREDIT_MS;
  let last = performance.now();
  return {
    mayJudge() {
      const now = performance.now();
      credit = Math.min(MAX_CREDIT_MS, credit + (now - last) * share);
      last = now;
      return credit > 0;
    },
    spent() {
      const now = performance.now();
      credit -= now - last;
      last = now;
    },
  };
}
