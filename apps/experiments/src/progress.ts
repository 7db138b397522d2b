/** Progress reporting of the runner: a line per run with its elapsed time on a terminal, near silence otherwise. */
export interface Progress {
  /** Runs `task`, reporting `label` and the time it took. */
  step<T>(label: string, task: () => T | Promise<T>): Promise<T>;
  /** A line that is always shown (experiment start and end). */
  note(line: string): void;
}

/**
 * A progress reporter writing to `out`: every step's line on a TTY, only the notes otherwise.
 *
 * @param out - the stream (default `process.stderr`)
 * @param verbose - whether to print every step (default: `out.isTTY`)
 * @example
 * ```ts
 * const p = createProgress({ write: () => true, isTTY: false });
 * await p.step('he seed 1', () => 42); // => 42
 * ```
 */
export function createProgress(
  out: { write(s: string): unknown; isTTY?: boolean } = process.stderr,
  verbose: boolean = out.isTTY === true,
): Progress {
  return {
    async step<T>(label: string, task: () => T | Promise<T>): Promise<T> {
      const start = performance.now();
      const value = await task();
      if (verbose) out.write(`  ${label} (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
      return value;
    },
    note(line: string): void {
      out.write(`${line}\n`);
    },
  };
}

/** A progress reporter that prints nothing (tests). */
export const silentProgress: Progress = {
  step: async (_label, task) => task(),
  note: () => {},
};
