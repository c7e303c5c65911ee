import * as hdr from 'hdr-histogram-js';

/** Latency percentiles in milliseconds, named as in autocannon's result (`latency.p99`, `latency.p99_9`). */
export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  min: number;
  mean: number;
  totalCount: number;
}

// Microsecond resolution (autocannon records whole milliseconds); JS histograms need no WebAssembly set-up.
const US_PER_MS = 1000;
const build = (): hdr.Histogram =>
  hdr.build({
    useWebAssembly: false,
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });

/** An empty latency histogram recording microseconds. */
export function createHistogram(): hdr.Histogram {
  return build();
}

/** Records one latency given in (fractional) milliseconds. */
export function recordLatency(h: hdr.Histogram, ms: number): void {
  h.recordValue(Math.max(1, Math.round(ms * US_PER_MS)));
}

/** Encodes a histogram as compressed base64 (the HdrHistogram wire format), for the JSON result. */
export function encodeHistogram(h: hdr.Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** Decodes and adds several encoded histograms into one: the exact merge of runs from several generators. */
export function mergeHistograms(encoded: string[]): hdr.Histogram {
  const total = build();
  for (const text of encoded) total.add(hdr.decodeFromCompressedBase64(text, 64, false));
  return total;
}

const round = (us: number): number => Math.round(us) / US_PER_MS;

/** The percentiles a report shows, in milliseconds. */
export function summarizeLatency(h: hdr.Histogram): Latency {
  if (h.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, min: 0, mean: 0, totalCount: 0 };
  const at = (p: number): number => round(h.getValueAtPercentile(p));
  return {
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p99_9: at(99.9),
    max: at(100),
    min: round(h.minNonZeroValue), // max as a bucket value, so it survives encode/decode unchanged
    mean: Math.round(h.mean) / US_PER_MS,
    totalCount: h.totalCount,
  };
}

/** Points of the percentile distribution (percentile, ms) for a latency chart. */
export function percentileCurve(h: hdr.Histogram): { percentile: number; ms: number }[] {
  const ps = [0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];
  return h.totalCount === 0 ? [] : ps.map((p) => ({ percentile: p, ms: round(h.getValueAtPercentile(p)) }));
}
