import { axes, frame, num, offsetIn, px, timeScale, yScale, type TimeSpan } from './chart-axes.js';
import { svgChart } from './chart-svg.js';
import type { Series } from './series.js';

/** What the requests/s chart says under its bars: the run's average and how long it measured. */
export interface ThroughputOptions {
  name: string;
  span: TimeSpan;
  average: number;
  duration: number;
  width?: number;
  height?: number;
}

/** Inline SVG: answers per second over the measured time, one bar per interval, with both axes ticked. */
export function throughputChart(series: Series, o: ThroughputOptions): string {
  const f = frame(o.width ?? 560, o.height ?? 250, 40);
  const perSec = series.requests.map((c) => (c * 1000) / series.interval_ms);
  const y = yScale(f, Math.max(1, ...perSec));
  const x = timeScale(f, o.span);
  const offset = offsetIn(o.span, series);
  const left = (i: number): number => x.at(((offset + i) * o.span.interval_ms) / 1000);
  const bars = perSec.map((rps, i) => {
    const w = Math.max(left(i + 1) - left(i) - 1, 1);
    const t = ((offset + i) * o.span.interval_ms) / 1000;
    return (
      `<rect class="bar" data-interval="${i}" data-count="${series.requests[i]}" data-rps="${Math.round(rps)}" ` +
      `x="${px(left(i))}" y="${px(y.at(rps))}" width="${px(w)}" height="${px(f.bottom - y.at(rps))}" ` +
      `fill="#16a34a"><title>${num(t)} s: ${Math.round(rps)} req/s (${series.requests[i]} answers)</title></rect>`
    );
  });
  const body =
    axes(f, x.ticks, y.ticks, { x: 's from the measured start', y: 'req/s' }) +
    bars.join('') +
    `<text class="value" data-metric="rps" x="${f.right}" y="30" text-anchor="end">average ${num(o.average)} ` +
    `req/s over ${o.duration} s</text>`;
  return svgChart('throughput-chart', o.name, f, `requests/s per ${series.interval_ms} ms interval`, body);
}
