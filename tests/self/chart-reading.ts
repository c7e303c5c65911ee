import { chromium } from '../../fixtures/test.js';
import { CHROMIUM, CHROMIUM_ARGS } from './debian-chromium.js';

// Playwright's types from the fixture layer's chromium, so no file under tests/ imports @playwright/test itself.
/** A launched browser. */
export type Browser = Awaited<ReturnType<typeof chromium.launch>>;
/** A browser page. */
export type Page = Awaited<ReturnType<Browser['newPage']>>;
/** A located element (or elements) on a page. */
export type Locator = ReturnType<Page['locator']>;

/** What a chart drew, read back from the SVG in the browser: every data point, tick and rule line. */
export interface DrawnChart {
  points: Record<string, string>[];
  xTicks: { value: number; label: string; px: number }[];
  yTicks: { value: number; label: string; px: number }[];
  rules: { rule: string; value: number; y1: number; y2: number; offScale: boolean; dashed: boolean }[];
  /** The plot area, from the axis path `M left top V bottom H right`. */
  plot: { left: number; top: number; right: number; bottom: number };
}

/** Reads a chart's data-* values and geometry (the positions the browser draws, not the report's own claims). */
export async function readChart(svg: Locator): Promise<DrawnChart> {
  return svg.evaluate((el) => {
    const all = (sel: string): Element[] => [...el.querySelectorAll(sel)];
    const attr = (e: Element | null, a: string): number => Number(e?.getAttribute(a));
    const ticks = (axis: 'x' | 'y'): DrawnChart['xTicks'] =>
      all(`g.tick.${axis}`).map((g) => ({
        value: Number(g.getAttribute('data-value')),
        label: g.querySelector('text')!.textContent!,
        px: attr(g.querySelector('line'), axis === 'x' ? 'x1' : 'y1'),
      }));
    const [left, top, bottom, right] = (
      el
        .querySelector('path')!
        .getAttribute('d')!
        .match(/[\d.]+/g) ?? []
    ).map(Number);
    return {
      points: all('.point').map((p) => ({
        ...(p as SVGElement).dataset,
        cx: p.getAttribute('cx') ?? '',
        cy: p.getAttribute('cy') ?? '',
      })) as Record<string, string>[],
      xTicks: ticks('x'),
      yTicks: ticks('y'),
      rules: all('g.rule').map((g) => {
        const line = g.querySelector('line');
        return {
          rule: g.getAttribute('data-rule')!,
          value: Number(g.getAttribute('data-value')),
          y1: attr(line, 'y1'),
          y2: attr(line, 'y2'),
          offScale: g.getAttribute('data-off-scale') === 'true',
          dashed: Boolean(line?.getAttribute('stroke-dasharray')),
        };
      }),
      plot: { left, top, right, bottom },
    };
  });
}

/** The pixel an axis puts a value at, interpolated between its first and last tick. */
export function axisAt(ticks: { value: number; px: number }[], v: number): number {
  const [a, b] = [ticks[0], ticks[ticks.length - 1]];
  return a.px + ((v - a.value) / (b.value - a.value)) * (b.px - a.px);
}

/** Pairs of texts in an SVG whose drawn boxes overlap (a label a person cannot read), as their texts. */
export async function overlappingTexts(svg: Locator): Promise<string[]> {
  return svg.evaluate((el) => {
    const boxes = [...el.querySelectorAll('text')]
      .filter((t) => t.textContent)
      .map((t) => ({ text: t.textContent!, box: t.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].box, boxes[j].box];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(`${boxes[i].text} × ${boxes[j].text}`);
      }
    return out;
  });
}

/** Debian's chromium with one page that records every request it makes (the report must make none but itself). */
export async function openBrowser(): Promise<{ browser: Browser; page: Page; requests: string[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { browser, page, requests };
}

/** The hue (0–360°) of a `#rrggbb` colour: which family a colour belongs to, whatever its shade. */
export function hueOf(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16) / 255);
  const [max, min] = [Math.max(r, g, b), Math.min(r, g, b)];
  if (max === min) return 0;
  const h = max === r ? (g - b) / (max - min) : max === g ? 2 + (b - r) / (max - min) : 4 + (r - g) / (max - min);
  return (h * 60 + 360) % 360;
}
