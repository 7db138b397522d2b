/** A result table: column headers and rows of cells already formatted as text. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * A table as aligned plain text (for the terminal).
 *
 * @example
 * ```ts
 * formatTable({ title: 't', columns: ['a', 'b'], rows: [['1', '22']] });
 * // => 't\na  b\n-  --\n1  22'
 * ```
 */
export function formatTable(table: Table): string {
  const widths = table.columns.map((c, i) =>
    Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    table.title,
    line(table.columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.rows.map(line),
  ].join('\n');
}

/**
 * A table as GitHub Markdown (pipes inside cells escaped).
 *
 * @example
 * ```ts
 * markdownTable({ title: 't', columns: ['a'], rows: [['1']] }); // => '| a |\n|---|\n| 1 |'
 * ```
 */
export function markdownTable(table: Table): string {
  const row = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [row(table.columns), `|${table.columns.map(() => '---').join('|')}|`, ...table.rows.map(row)].join(
    '\n',
  );
}
