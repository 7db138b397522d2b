import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { barChart, lineChart, renderSvg } from './figures.ts';

describe('SVG figures', () => {
  it('renders a standalone <svg> with its namespace', () => {
    const svg = renderSvg({ marks: [Plot.lineY([1, 2, 3])] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('draws one line per series with a label at its end, facets and a log scale', () => {
    const points = [0, 1, 2].flatMap((x) => [
      { x, y: 10 ** -x, series: 'small', facet: 'a' },
      { x, y: 1, series: 'he', facet: 'a' },
      { x, y: 1, series: 'he', facet: 'b' },
    ]);
    const svg = lineChart(points, { x: 'layer', y: 'std', yType: 'log', rule: 1 });
    expect(svg.match(/<path /g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('>small<');
    expect(svg).toContain('>he<');
    expect(svg).toContain('aria-label="fx-axis tick label"');
  });

  it('draws a bar per group', () => {
    const svg = barChart(
      [
        { group: 'zeros', value: 0.1, low: 0.1, high: 0.11 },
        { group: 'he', value: 0.9 },
      ],
      { y: 'accuracy', rule: 0.1 },
    );
    expect(svg.match(/<rect /g)?.length).toBe(2);
    expect(svg).toContain('>zeros<');
  });
});
