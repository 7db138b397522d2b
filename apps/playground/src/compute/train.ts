/**
 * The `train` request: run `steps` more steps of the arena for a configuration, creating the arena
 * (and loading its data) when the configuration changes or a reset is asked for.
 */
import type { DatasetName } from '../state/schema';
import { Arena, type ArenaConfig } from './arena';
import { type ArenaData, loadMnistSubset, syntheticData } from './datasets';

export interface TrainParams {
  readonly data: DatasetName;
  readonly noise: number;
  readonly config: ArenaConfig;
  /** Steps to run in this request (0 just (re)creates the arena and evaluates it). */
  readonly steps: number;
  readonly reset: boolean;
  /** Absolute URL of the MNIST subset asset on the page's origin (needed for `data: 'mnist'`). */
  readonly mnistUrl?: string;
  /** Grid size of the decision boundary (0: none). */
  readonly boundaryGrid: number;
}

export interface ContestantReport {
  readonly label: string;
  readonly losses: number[];
  readonly accuracy: number[];
  /** One series per weight layer, input layer first. */
  readonly gradNorms: number[][];
  readonly diverged: string | null;
}

export interface TrainResult {
  readonly step: number;
  readonly recordSteps: number[];
  readonly evalSteps: number[];
  readonly contestants: ContestantReport[];
  readonly boundary: { classes: Uint8Array[]; confidence: Float32Array[] } | null;
  readonly bounds: readonly [number, number, number, number] | null;
  /** The training points of a 2-D set (for drawing over the boundary), else null. */
  readonly points: { x: Float32Array; y: Int32Array } | null;
  readonly classes: number;
  readonly ms: number;
}

/** Steps between evaluations of the test accuracy. */
export const EVAL_EVERY = 10;

export interface ArenaStore {
  arena?: Arena;
  key?: string;
  mnist?: Promise<ArenaData>;
}

async function dataFor(p: TrainParams, store: ArenaStore): Promise<ArenaData> {
  if (p.data !== 'mnist') return syntheticData(p.data, p.config.seed, p.noise);
  if (p.mnistUrl === undefined) throw new Error('the MNIST subset URL is missing');
  store.mnist ??= loadMnistSubset(p.mnistUrl).catch((e: unknown) => {
    store.mnist = undefined;
    throw e;
  });
  return store.mnist;
}

export async function runTrain(
  p: TrainParams,
  store: ArenaStore,
  ctx: { cancelled(): boolean; yieldToEvents(): Promise<void> },
): Promise<TrainResult> {
  const t0 = performance.now();
  const key = JSON.stringify({ data: p.data, noise: p.noise, config: p.config });
  if (p.reset || store.arena === undefined || store.key !== key) {
    store.arena = undefined;
    const data = await dataFor(p, store);
    store.arena = new Arena(data, p.config);
    store.key = key;
    store.arena.evaluate();
  }
  const arena = store.arena;
  const steps = Math.max(0, Math.min(2000, Math.floor(p.steps)));
  for (let s = 0; s < steps; s++) {
    arena.trainStep();
    arena.maybeEvaluate(EVAL_EVERY);
    if (s % 20 === 19) {
      await ctx.yieldToEvents();
      if (ctx.cancelled()) break;
    }
  }
  const grid = Math.max(0, Math.min(96, Math.floor(p.boundaryGrid)));
  const d = arena.data;
  return {
    step: arena.step,
    recordSteps: [...arena.recordSteps],
    evalSteps: [...arena.evalSteps],
    contestants: arena.contestants.map((c) => ({
      label: c.label,
      losses: [...c.losses],
      accuracy: [...c.accuracy],
      gradNorms: c.gradNorms.map((g) => [...g]),
      diverged: c.diverged,
    })),
    boundary: grid > 0 ? arena.boundary(grid) : null,
    bounds: d.bounds,
    points: d.bounds === null ? null : { x: d.train.x.slice(), y: d.train.y.slice() },
    classes: d.classes,
    ms: performance.now() - t0,
  };
}
