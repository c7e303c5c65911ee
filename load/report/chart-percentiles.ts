import type { Histogram } from 'hdr-histogram-js';
import { axes, frame, num, px, yScale, type Frame, type Tick } from './chart-axes.js';
import { gappedLines, svgChart } from './chart-svg.js';
import { latencyRules, latencyTop, ruleLines } from './chart-thresholds.js';
import { mergeHistograms } from '../measure/histograms.js';
import type { ScenarioResult } from '../result/scenario-result.js';

const PER_DECADE = 8; // points per "nine": a smooth curve, still a few dozen points per chart
const DECADES = 4; // up to 99.99 %
const MAX_AT = DECADES + 0.6; // max sits apart at the right edge: it is no percentile on the log axis

/** Nines of a percentile: log10(1/(1-p)), HdrHistogram's plot axis (90 % is 1, 99 % is 2, 99.9 % is 3). */
export const nines = (percentile: number): number =>
  percentile >= 100 ? MAX_AT : Math.log10(1 / (1 - percentile / 100));

/** One point of the distribution: a percentile and the latency at it (ms), read from the raw histogram. */
export interface PercentilePoint {
  percentile: number;
  ms: number;
}

/** The distribution from the histogram: 8 points per nine while the answers reach that far, then the max. */
export function percentilePoints(h: Histogram): PercentilePoint[] {
  if (h.totalCount === 0) return [];
  const ps = [0, 50];
  for (let k = 1; k <= DECADES * PER_DECADE && 10 ** (k / PER_DECADE) <= h.totalCount; k++)
    ps.push(Number((100 * (1 - 10 ** (-k / PER_DECADE))).toPrecision(6)));
  ps.push(100);
  const sorted = [...new Set(ps)].sort((a, b) => a - b);
  return sorted.map((p) => ({ percentile: p, ms: Math.round(h.getValueAtPercentile(p)) / 1000 }));
}

const xOf = (f: Frame, p: number): number => f.left + (nines(p) / MAX_AT) * (f.right - f.left);

/** The nines axis' ticks: 50 %, then one per decade of nines, equally spaced, and max at the right edge. */
export function ninesTicks(f: Frame): Tick[] {
  return [50, 90, 99, 99.9, 99.99, 100].map((p) => ({ value: p, label: p === 100 ? 'max' : `${p} %`, px: xOf(f, p) }));
}

/** Under each nines tick, the latency there (ms): a person reads p99 off the axis, not off a crowded plot. */
function tickValues(f: Frame, h: Histogram): string {
  if (h.totalCount === 0) return '';
  return ninesTicks(f)
    .map((t) => {
      const ms = Math.round(h.getValueAtPercentile(t.value)) / 1000;
      const metric = t.value === 100 ? 'max' : `p${t.value}`;
      return (
        `<text class="value" data-metric="${metric}" data-ms="${ms}" x="${px(t.px)}" y="${f.bottom + 28}" ` +
        `text-anchor="middle" font-weight="600">${num(ms)}</text>`
      );
    })
    .join('');
}

/** Inline SVG: latency against percentile on the nines axis, from the raw HDR histogram; latency rules as lines. */
export function percentileChart(s: ScenarioResult): string {
  const h = mergeHistograms(s.histogram ? [s.histogram] : []);
  const points = percentilePoints(h);
  const rules = latencyRules(s.thresholds);
  const f = frame(560, 262, 40, 46);
  const y = yScale(f, latencyTop(Math.max(0, ...points.map((p) => p.ms)), rules));
  const xy = points.map((p) => [xOf(f, p.percentile), y.at(p.ms)] as [number, number]);
  const dots = points.map(
    (p, i) =>
      `<circle class="point" data-percentile="${p.percentile}" data-ms="${p.ms}" cx="${px(xy[i][0])}" ` +
      `cy="${px(xy[i][1])}" r="2.2" fill="#2563eb"><title>${p.percentile === 100 ? 'max' : `${p.percentile} %`}: ` +
      `${p.ms} ms</title></circle>`,
  );
  const body =
    axes(f, ninesTicks(f), y.ticks, { x: 'percentile (log axis of 1/(1-p))', y: 'ms' }) +
    ruleLines(rules, f, y, { labelAt: 'left' }) + // a rising curve leaves the top left free
    gappedLines(xy, '#2563eb', 2) +
    dots.join('') +
    tickValues(f, h);
  const title = `latency by percentile, ${h.totalCount} answers${h.totalCount === 0 ? ' (none)' : ''}`;
  return svgChart('percentile-chart', s.name, f, title, body);
}
