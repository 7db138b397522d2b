import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Options of Observable Plot's `plot`, without `document` (supplied here). */
export type PlotOptions = Omit<Plot.PlotOptions, 'document'>;

/**
 * Renders an Observable Plot chart on the server (jsdom) and returns standalone SVG text.
 * When Plot wraps the chart in a `<figure>` (title, legend), the first `<svg>` inside is returned, so
 * charts should label their series with marks (e.g. `Plot.text` at the last point) rather than HTML legends.
 *
 * @param options - Plot options (marks, scales, size)
 * @returns SVG text with an explicit `xmlns`, ready to write to a `.svg` file
 * @example
 * ```ts
 * renderSvg({ marks: [Plot.lineY([1, 2, 3])] }).startsWith('<svg'); // => true
 * ```
 */
export function renderSvg(options: PlotOptions): string {
  const { document } = new JSDOM('').window;
  const node = Plot.plot({ ...options, document }) as unknown as {
    tagName: string;
    querySelector(selector: string): { setAttribute(k: string, v: string): void; outerHTML: string } | null;
    setAttribute(k: string, v: string): void;
    outerHTML: string;
  };
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (svg === null) throw new Error('Plot produced no <svg> element');
  svg.setAttribute('xmlns', SVG_NS);
  return svg.outerHTML;
}

/** One point of a line chart: x, y and the series it belongs to (and an optional facet). */
export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
  readonly series: string;
  readonly facet?: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  readonly x: string;
  readonly y: string;
  readonly yType?: 'linear' | 'log';
  readonly width?: number;
  readonly height?: number;
  readonly facetLabel?: string;
  /** A horizontal reference line (e.g. a baseline or a target). */
  readonly rule?: number;
}

/**
 * A line chart with one line per series, each labelled at its last point, optionally faceted
 * horizontally; non-finite and (on a log scale) non-positive points are dropped.
 *
 * @example
 * ```ts
 * lineChart([{ x: 0, y: 1, series: 'he' }, { x: 1, y: 2, series: 'he' }], { x: 'layer', y: 'std' }).includes('<path'); // => true
 * ```
 */
export function lineChart(points: readonly SeriesPoint[], options: LineChartOptions): string {
  const log = options.yType === 'log';
  const data = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!log || p.y > 0));
  const faceted = data.some((p) => p.facet !== undefined);
  const fx = faceted ? 'facet' : undefined;
  const marks: Plot.Markish[] = [
    Plot.frame({ strokeOpacity: 0.2 }),
    Plot.lineY(data, { x: 'x', y: 'y', z: 'series', stroke: 'series', fx }),
    Plot.text(
      data,
      Plot.selectLast({
        x: 'x',
        y: 'y',
        z: 'series',
        fx,
        text: 'series',
        fill: 'series',
        dx: 4,
        textAnchor: 'start',
      }),
    ),
  ];
  if (options.rule !== undefined) marks.push(Plot.ruleY([options.rule], { strokeDasharray: '4,3' }));
  return renderSvg({
    width: options.width ?? 760,
    height: options.height ?? 320,
    marginRight: 70,
    x: { label: options.x },
    y: { label: options.y, type: log ? 'log' : 'linear', grid: true, ...(log ? { tickFormat: '.0e' } : {}) },
    marginLeft: 56,
    // Facets in the order the points first name them (depth 5 before depth 10), not alphabetically.
    fx: faceted
      ? { label: options.facetLabel ?? null, domain: [...new Set(data.map((p) => p.facet))], padding: 0.3 }
      : undefined,
    color: { type: 'categorical' },
    marks,
  });
}

/** One bar of a grouped bar chart. */
export interface BarPoint {
  readonly group: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
}

/**
 * A bar chart (one bar per group) with optional min–max whiskers.
 *
 * @example
 * ```ts
 * barChart([{ group: 'he', value: 0.9 }], { y: 'accuracy' }).includes('<rect'); // => true
 * ```
 */
export function barChart(
  bars: readonly BarPoint[],
  options: { y: string; rule?: number; width?: number },
): string {
  const marks: Plot.Markish[] = [Plot.barY(bars, { x: 'group', y: 'value', fill: 'group' }), Plot.ruleY([0])];
  const whiskers = bars.filter((b) => b.low !== undefined && b.high !== undefined);
  if (whiskers.length > 0)
    marks.push(Plot.ruleX(whiskers, { x: 'group', y1: 'low', y2: 'high', strokeWidth: 2 }));
  if (options.rule !== undefined) marks.push(Plot.ruleY([options.rule], { strokeDasharray: '4,3' }));
  return renderSvg({
    width: options.width ?? 520,
    height: 300,
    x: { label: null },
    y: { label: options.y, grid: true },
    color: { type: 'categorical' },
    marks,
  });
}
