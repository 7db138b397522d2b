// Timing helpers shared by the benchmarks.

/** Options of {@link bestTime}. */
export interface TimingOptions {
  /** Keep repeating until this many milliseconds (of the chosen clock) have passed. Default 300. */
  minTime?: number;
  /** At least this many timed samples. Default 3. */
  minReps?: number;
  /** Untimed warm-up calls. Default 1. */
  warmup?: number;
  /**
   * `'wall'` (default): elapsed time of single calls. `'cpu'`: CPU time of this process
   * (`process.cpuUsage`, user + system) over batches of calls lasting at least 20 ms each; for
   * single-threaded code on a shared machine this leaves out the time other processes held the
   * core, and equals wall time on an idle machine.
   */
  clock?: 'wall' | 'cpu';
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Smallest time of one call in milliseconds (the minimum is the least disturbed by other
 * processes on a shared machine).
 */
export async function bestTime(fn: () => unknown, options: TimingOptions = {}): Promise<number> {
  const { minTime = 300, minReps = 3, warmup = 1, clock = 'wall' } = options;
  const now = clock === 'cpu' ? cpuNow : () => performance.now();
  let batch = 1;
  for (let i = 0; i < warmup; i++) {
    const t0 = now();
    await fn();
    const dt = now() - t0;
    if (clock === 'cpu') batch = Math.max(1, Math.ceil(20 / Math.max(dt, 0.001)));
  }
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let reps = 0; reps < minReps || spent < minTime; reps++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) await fn();
    const dt = now() - t0;
    spent += dt;
    best = Math.min(best, dt / batch);
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
