import type { RunRequest } from './args.ts';
import type { Experiment } from './experiment.ts';
import { createProgress, type Progress } from './progress.ts';
import { resultFile, writeResult } from './results.ts';
import { formatTable } from './table.ts';

/** Usage text of the runner. */
export const HELP = `usage: pnpm experiments [name ...] [--quick] [--list]

  (no name)   run every implemented experiment
  name ...    run only these
  --quick     small versions (seconds to a minute each), written to results/quick/
  --list      list the experiments with one-line descriptions
`;

/**
 * The `--list` text: one line per experiment, number, name and description (planned ones say so).
 *
 * @example
 * ```ts
 * listText([{ name: 'a', number: 1, description: 'x', claim: '', source: '' }]); // => ' 1  a  x\n'
 * ```
 */
export function listText(experiments: readonly Experiment[]): string {
  const width = Math.max(...experiments.map((e) => e.name.length));
  return experiments
    .map((e) => `${String(e.number).padStart(2)}  ${e.name.padEnd(width)}  ${e.description}\n`)
    .join('');
}

/**
 * Runs the requested experiments in order, prints their tables and verdicts to `out`, writes their results.
 *
 * @returns the exit code: 0, or 1 when an experiment threw
 */
export async function runExperiments(
  experiments: readonly Experiment[],
  request: RunRequest,
  progress: Progress = createProgress(),
  out: { write(s: string): unknown } = process.stdout,
): Promise<number> {
  let code = 0;
  for (const name of request.names) {
    const e = experiments.find((x) => x.name === name);
    if (e === undefined) continue;
    if (e.run === undefined) {
      if (request.names.length < experiments.length) progress.note(`${e.name}: not yet implemented, skipped`);
      continue;
    }
    progress.note(`${e.name}${request.quick ? ' (quick)' : ''}: ${e.claim}`);
    const start = performance.now();
    try {
      const result = await e.run({ quick: request.quick, progress });
      const seconds = (performance.now() - start) / 1000;
      const paths = writeResult(resultFile(e, result, request.quick, seconds));
      for (const t of result.tables) out.write(`\n${formatTable(t)}\n`);
      out.write(`\nverdict: ${result.verdict.verdict} (${result.verdict.detail})\n\n`);
      progress.note(`${e.name}: done in ${seconds.toFixed(1)} s, wrote ${paths.length} files\n`);
    } catch (error) {
      code = 1;
      progress.note(`${e.name}: failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
  return code;
}
