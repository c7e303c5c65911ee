import { esc, frame, px, type Frame } from './chart-axes.js';

/** One legend entry: a coloured swatch (dashed for a rule) and its text; `data` becomes data-* attributes. */
export interface LegendItem {
  label: string;
  color: string;
  dash?: boolean;
  data?: Record<string, string | number>;
}

const CHAR_PX = 6.6; // a generous width of one 11 px sans-serif character, so entries never touch
const SWATCH_PX = 22;
const ROW_PX = 15;

/** Where each legend entry goes: left to right under the title, wrapping onto a new row at the plot's right edge. */
function layout(items: LegendItem[], left: number, right: number): { x: number; row: number }[] {
  let x = left,
    row = 0;
  return items.map((item) => {
    const w = SWATCH_PX + item.label.length * CHAR_PX + 14;
    if (x > left && x + w > right) {
      x = left;
      row++;
    }
    const at = { x, row };
    x += w;
    return at;
  });
}

/** The frame of a chart with a title line and a legend: the plot starts below the legend's last row. */
export function framed(width: number, height: number, items: LegendItem[]): Frame {
  const probe = frame(width, height);
  const rows = items.length === 0 ? 0 : Math.max(...layout(items, probe.left, probe.right).map((p) => p.row)) + 1;
  return frame(width, height + rows * ROW_PX, 26 + rows * ROW_PX);
}

/** The legend's SVG: a short line (dashed for a rule) and the entry's text, each entry a `g.legend-item`. */
export function legend(items: LegendItem[], f: Frame): string {
  return layout(items, f.left, f.right)
    .map(({ x, row }, i) => {
      const item = items[i];
      const y = 30 + row * ROW_PX;
      const data = Object.entries(item.data ?? {})
        .map(([k, v]) => ` data-${k}="${esc(String(v))}"`)
        .join('');
      return (
        `<g class="legend-item"${data}><line x1="${px(x)}" y1="${y - 4}" x2="${px(x + 16)}" y2="${y - 4}" ` +
        `stroke="${item.color}" stroke-width="2.5"${item.dash ? ' stroke-dasharray="5 3"' : ''}/>` +
        `<text x="${px(x + SWATCH_PX)}" y="${y}">${esc(item.label)}</text></g>`
      );
    })
    .join('');
}

/** A chart's outer SVG: white background, a title at the top left, `data-scenario` naming what it shows. */
export function svgChart(cls: string, scenario: string, f: Frame, title: string, body: string): string {
  return (
    `<svg class="${cls}" data-scenario="${esc(scenario)}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" ` +
    `height="${f.height}" role="img" aria-label="${esc(`${title}, ${scenario}`)}">` +
    `<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="#fff"/>` +
    `<text class="chart-title" x="${f.left}" y="14">${esc(title)}</text>${body}</svg>`
  );
}

/** Polylines through the points that have a value; a null breaks the line, so a gap shows as a gap. */
export function gappedLines(points: ([number, number] | null)[], color: string, width = 1.5): string {
  const runs: [number, number][][] = [[]];
  for (const p of points) {
    if (p) runs[runs.length - 1].push(p);
    else if (runs[runs.length - 1].length > 0) runs.push([]);
  }
  return runs
    .filter((r) => r.length > 1)
    .map(
      (r) =>
        `<polyline fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" ` +
        `points="${r.map(([x, y]) => `${px(x)},${px(y)}`).join(' ')}"/>`,
    )
    .join('');
}
