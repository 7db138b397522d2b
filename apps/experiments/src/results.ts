import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Experiment, ExperimentResult } from './experiment.ts';

/** The app's directory (holding `results/`). */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

const PACKAGES = ['rng', 'linalg', 'schemes', 'advisor', 'nn'] as const;

/** Versions of the @init packages the experiments ran against, read from their package.json. */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const p of PACKAGES) {
    try {
      const json = JSON.parse(readFileSync(join(APP_DIR, '..', '..', 'packages', p, 'package.json'), 'utf8'));
      versions[`@init/${p}`] = String(json.version);
    } catch {
      versions[`@init/${p}`] = 'unknown';
    }
  }
  return versions;
}

/** The JSON document written for one experiment (schema in the README). */
export interface ResultFile extends ExperimentResult {
  readonly schema: 'init-experiment/1';
  readonly name: string;
  readonly number: number;
  readonly claim: string;
  readonly source: string;
  readonly quick: boolean;
  /** Not reproducible by nature (times, machine); everything else is, from the seeds. */
  readonly meta: {
    readonly packages: Record<string, string>;
    readonly node: string;
    readonly platform: string;
    readonly cpu: string;
    readonly finishedAt: string;
    readonly seconds: number;
  };
}

/** The JSON document of a finished experiment. */
export function resultFile(
  experiment: Experiment,
  result: ExperimentResult,
  quick: boolean,
  seconds: number,
): ResultFile {
  return {
    schema: 'init-experiment/1',
    name: experiment.name,
    number: experiment.number,
    claim: experiment.claim,
    source: experiment.source,
    quick,
    ...result,
    meta: {
      packages: packageVersions(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpu: cpus()[0]?.model ?? 'unknown',
      finishedAt: new Date().toISOString(),
      seconds: Math.round(seconds * 10) / 10,
    },
  };
}

/** JSON text in which non-finite numbers become strings ('NaN', 'Infinity') instead of null. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}

/**
 * Writes `<dir>/<name>.json` and `<dir>/<name>-<figure>.svg`; returns the written paths.
 * `dir` defaults to `results/` (full runs) or `results/quick/` (quick runs).
 */
export function writeResult(
  file: ResultFile,
  dir = join(APP_DIR, 'results', file.quick ? 'quick' : ''),
): string[] {
  mkdirSync(dir, { recursive: true });
  const { figures, ...rest } = file;
  const paths = [join(dir, `${file.name}.json`)];
  writeFileSync(
    paths[0] as string,
    toJson({ ...rest, figures: Object.keys(figures).map((f) => `${file.name}-${f}.svg`) }),
  );
  for (const [name, svg] of Object.entries(figures)) {
    const path = join(dir, `${file.name}-${name}.svg`);
    writeFileSync(path, `${svg}\n`);
    paths.push(path);
  }
  return paths;
}
