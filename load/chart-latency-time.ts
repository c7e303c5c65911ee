import { axes, esc, num, offsetIn, px, timeScale, yScale, type TimeSpan } from './chart-axes.js';
import { framed, gappedLines, legend, svgChart, type LegendItem } from './chart-svg.js';
import { failedWindow, latencyRules, latencyTop, ruleLines } from './chart-thresholds.js';
import type { Series } from './series.js';
import type { Verdict } from './thresholds.js';

/** What a chart over time needs besides its series: whose it is, the time span it shares, the rules to draw. */
export interface TimeChartOptions {
  name: string;
  span: TimeSpan;
  rules: readonly Verdict[];
  /** Rules judged on another result (a generator's row shows the merged run's rules): drawn grey, no window shaded. */
  neutral?: boolean;
  width?: number;
  height?: number;
}

type Line = 'p50' | 'p99' | 'max';
const COLORS: Record<Line, string> = { p50: '#2563eb', p99: '#ea580c', max: '#6b7280' };
const LINES = Object.keys(COLORS) as Line[];

/** The point radius: small enough that neighbouring intervals' points do not merge into a smear. */
export const pointRadius = (step: number): number => Math.min(2.2, Math.max(0.8, step / 3));

/** A failed windowed rule's worst window, shaded behind the lines so a person sees when the rule broke. */
function shades(rules: readonly Verdict[], x: (s: number) => number, top: number, bottom: number): string {
  return rules
    .map((r) => [r, failedWindow(r)] as const)
    .filter(([, w]) => w !== null)
    .map(
      ([r, w]) =>
        `<rect class="window" data-rule="${esc(r.rule.trim())}" data-from="${w!.from_s}" data-to="${w!.to_s}" ` +
        `x="${px(x(w!.from_s))}" y="${top}" width="${px(x(w!.to_s) - x(w!.from_s))}" height="${bottom - top}" ` +
        `fill="#fee2e2"><title>${esc(r.rule.trim())}: worst window ${num(w!.from_s)}–${num(w!.to_s)} s` +
        `</title></rect>`,
    )
    .join('');
}

/** Inline SVG: p50, p99 and max per interval over the measured time, gaps where none answered, rules as lines. */
export function latencyTimeChart(series: Series, o: TimeChartOptions): string {
  const rules = latencyRules(o.rules);
  const items: LegendItem[] = [
    ...LINES.map((l) => ({ label: l, color: COLORS[l], data: { series: l } })),
    ...rules.map((r) => ({
      label: r.rule.trim(),
      color: o.neutral ? '#555' : r.passed ? '#15803d' : '#dc2626',
      dash: true,
    })),
  ];
  const f = framed(o.width ?? 560, o.height ?? 250, items);
  const offset = offsetIn(o.span, series);
  const values = LINES.flatMap((l) => series.latency[l]).filter((v): v is number => v !== null);
  const y = yScale(f, latencyTop(Math.max(0, ...values), rules));
  const x = timeScale(f, o.span);
  const seconds = (i: number): number => ((offset + i + 0.5) * o.span.interval_ms) / 1000;
  const r = pointRadius(x.at(o.span.interval_ms / 1000) - x.at(0));
  const drawn = LINES.map((l) => {
    const pts = series.latency[l].map((v, i) =>
      v === null ? null : ([x.at(seconds(i)), y.at(v)] as [number, number]),
    );
    const dots = series.latency[l].map((v, i) =>
      v === null
        ? ''
        : `<circle class="point" data-series="${l}" data-interval="${i}" data-t="${num(seconds(i))}" data-ms="${v}" ` +
          `cx="${px(pts[i]![0])}" cy="${px(pts[i]![1])}" r="${r}"/>`,
    );
    // the colour is set once on the group, and no tooltip per point: a long run has hundreds of intervals
    return `<g class="line" data-series="${l}" fill="${COLORS[l]}">${gappedLines(pts, COLORS[l])}${dots.join('')}</g>`;
  });
  const body =
    (o.neutral ? '' : shades(rules, x.at, f.top, f.bottom)) +
    axes(f, x.ticks, y.ticks, { x: 's from the measured start', y: 'ms' }) +
    drawn.reverse().join('') + // max underneath, p50 on top: the line a person reads first is never hidden
    ruleLines(rules, f, y, o) +
    legend(items, f);
  const title = `latency per ${o.span.interval_ms} ms interval (p50, p99, max)`;
  return svgChart('latency-time-chart', o.name, f, title, body);
}
