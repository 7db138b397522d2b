// Timing helpers shared by the benchmarks.

/** Options of {@link bestTime}. */
export interface TimingOptions {
  /** Keep repeating until this many milliseconds have passed. Default 300. */
  minTime?: number;
  /** At least this many timed calls. Default 3. */
  minReps?: number;
  /** Untimed warm-up calls. Default 1. */
  warmup?: number;
}

/**
 * Smallest wall time of one call in milliseconds (the minimum is the least disturbed by other
 * processes on a shared machine).
 */
export async function bestTime(fn: () => unknown, options: TimingOptions = {}): Promise<number> {
  const { minTime = 300, minReps = 3, warmup = 1 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  let best = Number.POSITIVE_INFINITY;
  const start = performance.now();
  for (let reps = 0; reps < minReps || performance.now() - start < minTime; reps++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Renders rows as a Markdown table with right-aligned cells after the first column. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, j) => (j === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
