import { axes, frame, num, px, timeScale, yScale, type TimeSpan } from './chart-axes.js';
import { binsOf, binWidth } from './chart-bins.js';
import { svgChart } from './chart-svg.js';
import type { Series } from '../measure/series.js';

/** What the requests/s chart says under its bars: the run's average and how long it measured. */
export interface ThroughputOptions {
  name: string;
  span: TimeSpan;
  average: number;
  duration: number;
  width?: number;
  height?: number;
}

/** Inline SVG: answers per second over the measured time, one bar per interval (per bin on a long run), ticked axes. */
export function throughputChart(series: Series, o: ThroughputOptions): string {
  const f = frame(o.width ?? 560, o.height ?? 250, 40);
  const bins = binsOf(series, o.span);
  const perSec = bins.map((b) => b.requests / (b.to_s - b.from_s));
  const y = yScale(f, Math.max(1, ...perSec));
  const x = timeScale(f, o.span);
  const bars = bins.map((b, i) => {
    const [x0, x1, top, rps] = [x.at(b.from_s), x.at(b.to_s), y.at(perSec[i]), Math.round(perSec[i])];
    return (
      `<rect class="bar" data-first="${b.first}" data-last="${b.last}" data-count="${b.requests}" data-rps="${rps}" ` +
      `x="${px(x0)}" y="${px(top)}" width="${px(Math.max(x1 - x0 - 1, 1))}" height="${px(f.bottom - top)}">` +
      `<title>${num(b.from_s)}–${num(b.to_s)} s: ${rps} req/s (${b.requests} answers)</title></rect>`
    );
  });
  const body =
    axes(f, x.ticks, y.ticks, { x: 's from the measured start', y: 'req/s' }) +
    `<g fill="#16a34a">${bars.join('')}</g>` +
    `<text class="value" data-metric="rps" x="${f.right}" y="30" text-anchor="end">average ${num(o.average)} ` +
    `req/s over ${o.duration} s</text>`;
  const binMs = binWidth(o.span) * o.span.interval_ms;
  return svgChart('throughput-chart', o.name, f, `requests/s per ${binMs} ms`, body);
}
