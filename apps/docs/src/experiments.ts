import { readdirSync, readFileSync } from 'node:fs';
import { repoRoot } from './packages';

/** The committed results of apps/experiments (schema `init-experiment/1`). */
export const resultsDir = `${repoRoot}apps/experiments/results/`;

/** What the use-cases page shows of one experiment. */
export interface ExperimentSummary {
  readonly name: string;
  readonly number: number;
  readonly claim: string;
  readonly verdict: string;
  readonly rule: string;
  readonly detail: string;
  readonly figures: string[];
  readonly tables: { title: string; columns: string[]; rows: string[][] }[];
}

interface ExperimentJson {
  schema: string;
  name: string;
  number: number;
  claim: string;
  verdict: { verdict: string; rule: string; detail: string };
  figures: string[];
  tables: { title: string; columns: string[]; rows: string[][] }[];
}

/** Reads every committed experiment document (not the `quick/` ones), in experiment order. */
export function readExperiments(dir = resultsDir): ExperimentSummary[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const doc = JSON.parse(readFileSync(dir + file, 'utf8')) as ExperimentJson;
      if (doc.schema !== 'init-experiment/1') throw new Error(`${file}: unknown schema ${doc.schema}`);
      return {
        name: doc.name,
        number: doc.number,
        claim: doc.claim,
        verdict: doc.verdict.verdict,
        rule: doc.verdict.rule,
        detail: doc.verdict.detail,
        figures: doc.figures,
        tables: doc.tables,
      };
    })
    .sort((a, b) => a.number - b.number);
}

/** The figure files (SVG) of the committed results. */
export function experimentFigures(dir = resultsDir): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.svg'));
}
