import { describe, expect, it } from 'vitest';
import { formatNumber, formatSummary, summarize } from './stats.ts';
import { formatTable, markdownTable } from './table.ts';

describe('tables and numbers', () => {
  it('aligns plain text and escapes pipes in Markdown', () => {
    const t = { title: 't', columns: ['a', 'b'], rows: [['1', '22']] };
    expect(formatTable(t)).toBe('t\na  b\n-  --\n1  22');
    expect(markdownTable({ title: 't', columns: ['max |W|'], rows: [['0']] })).toBe(
      '| max \\|W\\| |\n|---|\n| 0 |',
    );
  });
  it('summarizes with the sample standard deviation, ignoring non-finite values', () => {
    expect(summarize([1, 2, 3, Number.NaN])).toEqual({ mean: 2, std: 1, min: 1, max: 3, n: 3 });
    expect(formatSummary(summarize([1, 2, 3]))).toBe('2.00 ± 1.00');
    expect(formatNumber(0.000012345)).toBe('1.23e-5');
  });
});
