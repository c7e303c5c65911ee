import { failedOf, unreconciled } from '../send/outcomes.js';
import { MAX_BODY_BYTES } from '../measure/latency-meter.js';
import type { Series } from '../measure/series.js';
import { stallNotes } from '../measure/stall-note.js';
import { JUDGE_SHARE } from '../measure/judge-clock.js';
import { finalize, non2xxOf, settingsOf, type ScenarioResult } from '../result/scenario-result.js';
import { measure, warmUp, type Drive, type Measured } from './phases.js';
import type { Scenario } from './scenario-file.js';

/** What went wrong besides the thresholds, one line each: 429s, an abort, stalls, outages, cut bodies, odd answers. */
function notesOf(s: Scenario, m: Measured, series: Series): string[] {
  const { meter, wire, limit } = m;
  const stopped = `the target answered 429 (rate limited) ${limit.count} times; the scenario stopped at once`;
  const notes = limit.count ? [`${stopped} (Retry-After: ${limit.retryAfter} s)`] : [];
  if (m.aborted) notes.push(m.aborted);
  notes.push(...meter.outages(m.end), ...stallNotes({ mode: s.mode, series }));
  if (meter.oversize > 0)
    notes.push(
      `${meter.oversize} answers were cut off for a body larger than ${MAX_BODY_BYTES} bytes; counted as timeouts`,
    );
  const { unpaired } = wire.outcomes;
  if (unpaired > 0)
    notes.push(
      `${unpaired} answers arrived when no request was waiting for one: not judged, not counted as answers; ` +
        'their connections were closed and opened again',
    );
  const odd = unreconciled(wire.outcomes, wire.sent);
  if (odd) notes.push(`the request counts do not add up (a fault of the load tool): ${odd}`);
  return notes;
}

/** "judged N of M 2xx answers", and why not all, when the sampler judged fewer than it was asked to or the scenario
 * samples; none when every 2xx answer was judged. */
function judgedNote(s: Scenario, m: Measured, ok: number): string[] {
  const { sampled, held } = m.sampler;
  const judged = `judged ${sampled} of ${ok} 2xx answers`;
  if (held > 0)
    return [
      `${judged}: judging could not keep up with the target (it may take ${JUDGE_SHARE * 100} % of the ` +
        `generator's time), ${held} chosen answers went unjudged; add generators (--workers, --shard) to judge them all`,
    ];
  return s.sampleEvery > 1 ? [`${judged} (sampleEvery ${s.sampleEvery}: one in ${s.sampleEvery}, by choice)`] : [];
}

/** Warms up, then measures one scenario; judges a sample of answers; stops at once on a 429 (Retry-After is the caller's). */
export async function runScenario(s: Scenario, d: Drive): Promise<ScenarioResult> {
  const limited = s.warmup > 0 ? await warmUp(s, d) : null;
  if (limited) return limited;
  const m = await measure(s, d);
  const { raw, wire, meter, sampler } = m;
  const series = meter.finish();
  const status_codes = Object.fromEntries(Object.entries(raw.statusCodeStats).map(([code, v]) => [code, v.count]));
  const outcomes = { ...wire.outcomes };
  return finalize(
    {
      name: s.name,
      operation: s.operation,
      mode: s.mode,
      settings: settingsOf(s),
      urls: new Set(d.paths).size,
      generators: 1,
      start: new Date(raw.start).toISOString(),
      duration: Math.round((m.end - meter.start) / 10) / 100,
      requests: { total: outcomes.answered, sent: wire.sent },
      outcomes,
      throughput: { total: raw.totalBytes },
      errors: failedOf(outcomes),
      timeouts: outcomes.timed_out,
      non2xx: non2xxOf(status_codes),
      mismatches: sampler.invalid,
      sampled: sampler.sampled,
      rate_limited: m.limit.count,
      retry_after: m.limit.retryAfter,
      status_codes,
      series,
      parts: [],
      invalid_examples: sampler.examples,
      notes: [...notesOf(s, m, series), ...judgedNote(s, m, outcomes.answered - non2xxOf(status_codes))],
    },
    meter.histogram,
    s.thresholds,
  );
}
