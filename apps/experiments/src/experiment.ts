import type { Progress } from './progress.ts';
import type { Table } from './table.ts';

/** The verdict on a claim, computed from the results by the experiment's stated rule. */
export type Verdict = 'holds' | 'holds with caveats' | 'does not hold';

/** What an experiment run produces. */
export interface ExperimentResult {
  /** The settings actually used (budgets, sizes, optimizer). */
  readonly settings: Record<string, unknown>;
  readonly seeds: readonly number[];
  /** Per-seed numbers and their summaries, JSON-serializable. */
  readonly data: Record<string, unknown>;
  readonly tables: readonly Table[];
  readonly verdict: { readonly verdict: Verdict; readonly rule: string; readonly detail: string };
  /** SVG figures by short name; written as `results/<experiment>-<name>.svg`. */
  readonly figures: Readonly<Record<string, string>>;
}

/** Where and how an experiment runs. */
export interface RunContext {
  readonly quick: boolean;
  readonly progress: Progress;
}

/** One experiment of the suite. */
export interface Experiment {
  readonly name: string;
  /** The experiment's number in the suite's plan. */
  readonly number: number;
  /** One line for `--list`. */
  readonly description: string;
  /** The claim under test and where it comes from. */
  readonly claim: string;
  readonly source: string;
  /** Absent for experiments that are planned but not implemented yet. */
  readonly run?: (context: RunContext) => Promise<ExperimentResult>;
}
