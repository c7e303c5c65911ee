import { parseThreshold, type Threshold } from './parse-threshold.js';
import { windowMetricNames } from './metrics.js';
import { WINDOW_METRICS } from './metrics.js';
import { UsageError } from '../../client/usage-error.js';

/** A rule as the scenario file writes it: its text, or an object with k6's abort options (shape checked by Ajv). */
export type ThresholdEntry = string | { rule: string; abortOnFail?: boolean; delayAbortEval?: number };

/** Parses one `thresholds` entry of a scenario measuring `durationS` seconds: every mistake before any load. */
export function parseThresholdEntry(entry: ThresholdEntry, where: string, durationS: number): Threshold {
  const t =
    typeof entry === 'string'
      ? parseThreshold(entry, where)
      : {
          ...parseThreshold(entry.rule, `${where}/rule`),
          ...(entry.abortOnFail !== undefined && { abortOnFail: entry.abortOnFail }),
          ...(entry.delayAbortEval !== undefined && { delayAbortEval: entry.delayAbortEval }),
        };
  const rule = JSON.stringify(t.rule);
  if (t.abortOnFail && !WINDOW_METRICS.includes(t.metric))
    throw new UsageError(
      `${where}/abortOnFail: ${rule}: ${t.metric} is only known at the end of the run, so it cannot abort it; ` +
        `allowed with abortOnFail: ${windowMetricNames().join(', ')}`,
    );
  if (t.over_ms !== undefined && t.over_ms > durationS * 1000)
    throw new UsageError(
      `${where}: ${rule}: the window (${t.over_ms / 1000} s) is longer than the measured duration (${durationS} s); ` +
        'shorten the window or raise duration',
    );
  return t;
}
