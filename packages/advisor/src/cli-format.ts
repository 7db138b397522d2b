import type { SchemeConfig } from './context';

/** `he_normal(mode=fan_in, nonlinearity=relu)`: a config on one line. */
export function formatConfig(config: SchemeConfig): string {
  const params = Object.entries(config)
    .filter(([k]) => k !== 'name')
    .map(
      ([k, v]) =>
        `${k}=${typeof v === 'number' ? formatNumber(v) : Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`,
    );
  return params.length === 0 ? config.name : `${config.name}(${params.join(', ')})`;
}

/** Numbers for humans: 6 significant digits, exponent form for very small or large values. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0 || Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(3);
}

/** A plain-text table with a header rule; cells are left-aligned, long cells are not cut. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (j === cells.length - 1 ? c : c.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A titled section with indented bullet lines (omitted when empty). */
export function section(title: string, lines: readonly string[], bullet = '-'): string {
  if (lines.length === 0) return '';
  return `${title}\n${lines.map((l) => `  ${bullet} ${l}`).join('\n')}\n`;
}
