import { type Dataset, type InitSpec, lsuv as lsuvInit, type Model } from '@init/nn';
import { plainCnn } from '../cnn-model.ts';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { mlp } from '../mlp.ts';
import { summarize } from '../stats.ts';
import { CONVERGED_LOSS, type TrainRun, trainRun } from '../train-run.ts';
import { cnnData, TRAIN_COLUMNS, trainRow } from './cnn.ts';

/** An initialization: an analytic scheme, or LSUV (orthonormal, then rescaled layer by layer on a batch). */
type Start = { readonly kind: 'scheme'; readonly init: InitSpec } | { readonly kind: 'lsuv' };

const MLP_STARTS: Readonly<Record<string, Start>> = {
  he_normal: { kind: 'scheme', init: 'he_normal' },
  xavier_normal: { kind: 'scheme', init: 'xavier_normal' },
  LSUV: { kind: 'lsuv' },
};
const CNN_STARTS: Readonly<Record<string, Start>> = {
  he_normal: { kind: 'scheme', init: 'he_normal' },
  LSUV: { kind: 'lsuv' },
};

/** Settings of the experiment at a budget: a depth-relu MLP and a cnn network, both on smaller budgets. */
export function lsuvSettings(quick: boolean) {
  return quick
    ? {
        mlp: {
          train: 300,
          test: 200,
          width: 32,
          depth: 20,
          epochs: 3,
          batchSize: 64,
          lr: 0.01,
          momentum: 0.9,
        },
        cnn: {
          train: 200,
          test: 200,
          convLayers: 10,
          channels: 4,
          epochs: 2,
          batchSize: 32,
          lr: 0.01,
          momentum: 0.9,
        },
        lsuvBatch: 128,
        seeds: [1, 2],
      }
    : {
        mlp: {
          train: 3000,
          test: 500,
          width: 64,
          depth: 30,
          epochs: 8,
          batchSize: 64,
          lr: 0.01,
          momentum: 0.9,
        },
        cnn: {
          train: 600,
          test: 500,
          convLayers: 12,
          channels: 8,
          epochs: 4,
          batchSize: 32,
          lr: 0.01,
          momentum: 0.9,
        },
        lsuvBatch: 256,
        seeds: [1, 2, 3],
      };
}

export type LsuvSettings = ReturnType<typeof lsuvSettings>;

/** A run with what LSUV did: the rescaling rounds and the output variance it reached per weight layer. */
export interface LsuvRun extends TrainRun {
  readonly lsuvIterations?: number[];
  readonly lsuvVariance?: number[];
}

/** Applies the start to a model built with He kernels (LSUV overwrites every weight from its own seeded stream). */
function started(build: (init: InitSpec) => Model, start: Start, data: Dataset, seed: number, batch: number) {
  if (start.kind === 'scheme') return { model: build(start.init) };
  const model = build('he_normal');
  const layers = lsuvInit(model, data, { batch, rng: seed });
  return { model, layers };
}

async function runSetting(
  context: RunContext,
  name: string,
  starts: Readonly<Record<string, Start>>,
  build: (init: InitSpec, seed: number) => Model,
  data: { train: Dataset; test: Dataset },
  budget: LsuvSettings['mlp'] | LsuvSettings['cnn'],
  s: LsuvSettings,
): Promise<Record<string, LsuvRun[]>> {
  const runs: Record<string, LsuvRun[]> = {};
  for (const [label, start] of Object.entries(starts)) {
    const list: LsuvRun[] = [];
    for (const seed of s.seeds) {
      list.push(
        await context.progress.step(`${name} ${label} seed ${seed}`, () => {
          const { model, layers } = started(
            (init) => build(init, seed),
            start,
            data.train,
            seed,
            s.lsuvBatch,
          );
          const run = trainRun(model, data.train, data.test, seed, budget);
          return layers === undefined
            ? run
            : {
                ...run,
                lsuvIterations: layers.map((l) => l.iterations),
                lsuvVariance: layers.map((l) => l.variance),
              };
        }),
      );
    }
    runs[label] = list;
  }
  return runs;
}

/** Whether LSUV converged on at least as many seeds as the best analytic scheme of a setting. */
function lsuvMatches(runs: Record<string, LsuvRun[]>): { lsuv: number; best: number; bestLabel: string } {
  const count = (l: string) => (runs[l] ?? []).filter((r) => r.converged).length;
  let best = -1;
  let bestLabel = '';
  for (const l of Object.keys(runs)) {
    if (l !== 'LSUV' && count(l) > best) {
      best = count(l);
      bestLabel = l;
    }
  }
  return { lsuv: count('LSUV'), best, bestLabel };
}

function lossPoints(runs: Record<string, LsuvRun[]>, facet: string): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const [label, list] of Object.entries(runs)) {
    (list[0]?.epochLoss ?? []).forEach((_, e) => {
      points.push({
        x: e + 1,
        y: summarize(list.map((r) => r.epochLoss[e] as number)).mean,
        series: label,
        facet,
      });
    });
  }
  return points;
}

/** Runs the LSUV experiment with the given settings. */
export async function runLsuv(
  context: RunContext,
  settings = lsuvSettings(context.quick),
): Promise<ExperimentResult> {
  const m = settings.mlp;
  const c = settings.cnn;
  const mlpData = await mnist(m.train, m.test);
  const mlpRuns = await runSetting(
    context,
    'mlp',
    MLP_STARTS,
    (init, seed) =>
      mlp({ inputs: 784, width: m.width, depth: m.depth, outputs: 10, activation: 'relu', init, seed }),
    mlpData,
    m,
    settings,
  );
  const cnnRuns = await runSetting(
    context,
    'cnn',
    CNN_STARTS,
    (init, seed) => plainCnn({ ...c, init, seed }),
    await cnnData(c),
    c,
    settings,
  );
  const a = lsuvMatches(mlpRuns);
  const b = lsuvMatches(cnnRuns);
  const matched = [a, b].filter((x) => x.lsuv > 0 && x.lsuv >= x.best).length;
  const verdict: Verdict = matched === 2 ? 'holds' : matched === 1 ? 'holds with caveats' : 'does not hold';
  const mlpName = `ReLU MLP 784-${m.width}×${m.depth - 1}-10`;
  const cnnName = `plain CNN ${c.convLayers} × conv ${c.channels}`;
  return {
    settings: {
      ...settings,
      models: `${mlpName} (experiment 2's network at depth ${m.depth}); ${cnnName} on 14×14 digits (experiment 7's network)`,
      lsuv: `@init/nn lsuv: orthonormal weights (stream of the run's seed), zero biases, then each weight layer divided by its output std on ${settings.lsuvBatch} training samples until |Var − 1| < 0.02 (at most 20 rounds); the Dense head included`,
      optimizer: 'SGD with momentum, no clipping, as in experiments 2 and 7',
      converged: `best epoch-mean training loss ≤ ${CONVERGED_LOSS} within the epochs, no non-finite values`,
      data: 'MNIST stratified subsets (train seed 2024, test seed 2025), pixels v/255; 2×2-averaged to 14×14 for the CNN',
    },
    seeds: settings.seeds,
    data: { mlp: mlpRuns, cnn: cnnRuns, matches: { mlp: a, cnn: b } },
    tables: [
      {
        title: `${mlpName}: ${m.epochs} epochs on ${m.train} digits (${settings.seeds.length} seeds)`,
        columns: TRAIN_COLUMNS,
        rows: Object.entries(mlpRuns).map(([l, list]) => trainRow(l, list)),
      },
      {
        title: `${cnnName}: ${c.epochs} epochs on ${c.train} digits of 14×14 (${settings.seeds.length} seeds)`,
        columns: TRAIN_COLUMNS,
        rows: Object.entries(cnnRuns).map(([l, list]) => trainRow(l, list)),
      },
    ],
    verdict: {
      verdict,
      rule: 'holds when, in both settings, LSUV converges on at least one seed and on at least as many as the best analytic scheme; with caveats when in one of the two',
      detail: `converged: MLP LSUV ${a.lsuv} vs ${a.bestLabel} ${a.best}, CNN LSUV ${b.lsuv} vs ${b.bestLabel} ${b.best} of ${settings.seeds.length}`,
    },
    figures: {
      loss: lineChart([...lossPoints(mlpRuns, 'MLP'), ...lossPoints(cnnRuns, 'CNN')], {
        x: 'epoch',
        y: 'training loss (mean over seeds)',
        rule: CONVERGED_LOSS,
        width: 900,
      }),
    },
  };
}

/** Experiment 11. */
export const lsuv: Experiment = {
  name: 'lsuv',
  number: 11,
  description:
    'LSUV (data-dependent) against He and Xavier on the depth-30 ReLU MLP and against He on the plain CNN',
  claim:
    'A data-dependent initialization, LSUV (orthonormal weights, then each layer rescaled to unit output variance on a batch), trains deep plain networks at least as well as the analytic schemes.',
  source: 'Mishkin and Matas, All you need is a good init (2016)',
  run: (context) => runLsuv(context),
};
