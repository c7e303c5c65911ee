import { axes, esc, num, px, timeScale, yScale, type Scale, type TimeSpan } from './chart-axes.js';
import { binsOf, binWidth, type Bin } from './chart-bins.js';
import { framed, gappedLines, legend, svgChart, type LegendItem } from './chart-svg.js';
import { failedWindow, latencyRules, latencyTop, ruleColor, ruleLines } from './chart-thresholds.js';
import type { Series } from '../measure/series.js';
import type { Verdict } from '../thresholds/verdicts.js';

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
const DRAW_ORDER: Line[] = ['max', 'p99', 'p50']; // max underneath, p50 on top: the line read first is never hidden

/** The point radius: small enough that neighbouring intervals' points do not merge into a smear. */
const pointRadius = (step: number): number => Math.min(2.2, Math.max(0.8, step / 3));

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

/** One latency line (p50, p99 or max) through the bins, a point per bin carrying its exact value and intervals. */
function line(l: Line, bins: Bin[], x: Scale, y: Scale, r: number): string {
  const mid = (b: Bin): number => (b.from_s + b.to_s) / 2;
  const pts = bins.map((b) =>
    b.latency[l] === null ? null : ([x.at(mid(b)), y.at(b.latency[l])] as [number, number]),
  );
  const dots = bins.map((b, i) =>
    pts[i] === null
      ? ''
      : `<circle class="point" data-series="${l}" data-first="${b.first}" data-last="${b.last}" ` +
        `data-t="${num(mid(b))}" data-ms="${b.latency[l]}" cx="${px(pts[i][0])}" cy="${px(pts[i][1])}" r="${r}"/>`,
  );
  // the colour is set once on the group, and no tooltip per point: a long run has a hundred bins and more
  return `<g class="line" data-series="${l}" fill="${COLORS[l]}">${gappedLines(pts, COLORS[l])}${dots.join('')}</g>`;
}

/** Inline SVG: p50, p99 and max per interval (per bin on a long run), gaps where none answered, rules as lines. */
export function latencyTimeChart(series: Series, o: TimeChartOptions): string {
  const rules = latencyRules(o.rules);
  const items: LegendItem[] = [
    ...LINES.map((l) => ({ label: l, color: COLORS[l], data: { series: l } })),
    ...rules.map((r) => ({ label: r.rule.trim(), color: ruleColor(r, o), dash: true })),
  ];
  const f = framed(o.width ?? 560, o.height ?? 250, items);
  const bins = binsOf(series, o.span);
  const values = bins.flatMap((b) => LINES.map((l) => b.latency[l])).filter((v): v is number => v !== null);
  const y = yScale(f, latencyTop(Math.max(0, ...values), rules));
  const x = timeScale(f, o.span);
  const binMs = binWidth(o.span) * o.span.interval_ms;
  const r = pointRadius(x.at(binMs / 1000) - x.at(0));
  const body =
    (o.neutral ? '' : shades(rules, x.at, f.top, f.bottom)) +
    axes(f, x.ticks, y.ticks, { x: 's from the measured start', y: 'ms' }) +
    DRAW_ORDER.map((l) => line(l, bins, x, y, r)).join('') +
    ruleLines(rules, f, y, o) +
    legend(items, f);
  return svgChart('latency-time-chart', o.name, f, `latency per ${binMs} ms (p50, p99, max)`, body);
}
