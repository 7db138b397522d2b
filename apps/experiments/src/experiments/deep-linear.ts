import { fit, type InitSpec } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { mlp } from '../mlp.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

const INITS: Readonly<Record<string, InitSpec>> = {
  orthogonal: { name: 'orthogonal', gain: 1 },
  'scaled Gaussian N(0, 1/fan_in)': 'lecun_normal',
};

/** Settings of the experiment at a budget. */
export function deepLinearSettings(quick: boolean) {
  return quick
    ? {
        train: 1000,
        width: 64,
        depths: [5, 10, 20, 30],
        maxEpochs: 15,
        batchSize: 50,
        lr0: 0.05,
        momentum: 0.9,
        threshold: 0.5,
        seeds: [1, 2, 3],
      }
    : {
        train: 3000,
        width: 128,
        depths: [5, 10, 20, 30],
        maxEpochs: 30,
        batchSize: 50,
        lr0: 0.05,
        momentum: 0.9,
        threshold: 0.5,
        seeds: [1, 2, 3],
      };
}

interface Run {
  seed: number;
  depth: number;
  /** First epoch (1-based) whose mean training loss is at or below the threshold; NaN if none within the budget. */
  epochsToThreshold: number;
  epochLoss: number[];
  status: string;
}

/** Trains one deep linear network until its epoch loss reaches the threshold or the budget ends. */
export function deepLinearRun(
  train: Parameters<typeof fit>[1],
  init: InitSpec,
  depth: number,
  seed: number,
  s: ReturnType<typeof deepLinearSettings>,
): Run {
  const model = mlp({
    inputs: 784,
    width: s.width,
    depth,
    outputs: 10,
    activation: 'linear',
    init,
    seed,
    bias: false,
  });
  let epochsToThreshold = Number.NaN;
  const r = fit(model, train, {
    optimizer: { kind: 'sgd', lr: s.lr0 / depth, momentum: s.momentum },
    epochs: s.maxEpochs,
    batchSize: s.batchSize,
    seed,
    onEpoch: (log) => {
      if (log.loss <= s.threshold) {
        epochsToThreshold = log.epoch + 1;
        return false;
      }
      return true;
    },
  });
  return { seed, depth, epochsToThreshold, epochLoss: r.epochs.map((e) => e.loss), status: r.status };
}

/** Runs the deep linear experiment with the given settings. */
export async function runDeepLinear(
  context: RunContext,
  settings = deepLinearSettings(context.quick),
): Promise<ExperimentResult> {
  const { train } = await mnist(settings.train, 100);
  const runs: Record<string, Record<number, Run[]>> = {};
  const rows: string[][] = [];
  const medians: Record<string, number[]> = {};
  for (const [label, init] of Object.entries(INITS)) {
    runs[label] = {};
    medians[label] = [];
    for (const depth of settings.depths) {
      const list: Run[] = [];
      for (const seed of settings.seeds) {
        list.push(
          await context.progress.step(`${label} depth ${depth} seed ${seed}`, () =>
            deepLinearRun(train, init, depth, seed, settings),
          ),
        );
      }
      (runs[label] as Record<number, Run[]>)[depth] = list;
      // A run that never reaches the threshold counts as budget + 1 epochs.
      const times = list.map((r) =>
        Number.isFinite(r.epochsToThreshold) ? r.epochsToThreshold : settings.maxEpochs + 1,
      );
      medians[label]?.push(summarize(times).mean);
      rows.push([
        label,
        String(depth),
        formatSummary(summarize(list.map((r) => r.epochsToThreshold))),
        `${list.filter((r) => Number.isFinite(r.epochsToThreshold)).length}/${list.length}`,
        formatSummary(summarize(list.map((r) => r.epochLoss.at(-1) as number))),
      ]);
    }
  }
  const spread = (label: string) => {
    const m = medians[label] ?? [];
    return Math.max(...m) / Math.min(...m);
  };
  const orthFlat = spread('orthogonal') <= 1.5;
  const gaussGrows = spread('scaled Gaussian N(0, 1/fan_in)') >= 2;
  const verdict: Verdict =
    orthFlat && gaussGrows ? 'holds' : orthFlat || gaussGrows ? 'holds with caveats' : 'does not hold';
  const timePoints: SeriesPoint[] = Object.entries(medians).flatMap(([label, m]) =>
    m.map((y, i) => ({ x: settings.depths[i] as number, y, series: label })),
  );
  const lossPoints: SeriesPoint[] = [];
  for (const label of Object.keys(INITS)) {
    for (const depth of settings.depths) {
      const r = (runs[label] as Record<number, Run[]>)[depth]?.[0];
      r?.epochLoss.forEach((y, e) => {
        lossPoints.push({ x: e + 1, y, series: label, facet: `depth ${depth}` });
      });
    }
  }
  return {
    settings: {
      ...settings,
      model: `784-${settings.width}×(depth−1)-10, linear activations, no biases`,
      loss: 'softmax cross-entropy on the labels',
      optimizer: `SGD momentum ${settings.momentum}, lr = ${settings.lr0}/depth (the end-to-end step stays comparable across depths)`,
      learningTime: `first epoch whose mean training loss ≤ ${settings.threshold}; a run that never gets there counts as ${settings.maxEpochs + 1} in the mean used by the verdict`,
      data: `MNIST, stratified subset of ${settings.train} (seed 2024), pixels v/255`,
    },
    seeds: settings.seeds,
    data: { runs, meanLearningTime: medians },
    tables: [
      {
        title: `Deep linear networks, width ${settings.width}: epochs to training loss ≤ ${settings.threshold} (budget ${settings.maxEpochs}, ${settings.seeds.length} seeds)`,
        columns: ['init', 'depth', 'epochs to threshold', 'reached', 'last epoch loss'],
        rows,
      },
    ],
    verdict: {
      verdict,
      rule: 'holds when the mean learning time of orthogonal init varies by at most 1.5× over the depths and that of the scaled Gaussian by at least 2×; with caveats when only one of the two is true',
      detail: `max/min learning time over depths: orthogonal ${formatNumber(spread('orthogonal'))}, scaled Gaussian ${formatNumber(spread('scaled Gaussian N(0, 1/fan_in)'))}`,
    },
    figures: {
      'learning-time': lineChart(timePoints, {
        x: 'depth',
        y: `epochs to loss ≤ ${settings.threshold} (budget + 1 = not reached)`,
        rule: settings.maxEpochs + 1,
      }),
      loss: lineChart(lossPoints, {
        x: 'epoch',
        y: 'training loss (seed 1)',
        width: 900,
        rule: settings.threshold,
      }),
    },
  };
}

/** Experiment 6. */
export const deepLinear: Experiment = {
  name: 'deep-linear',
  number: 6,
  description:
    'deep linear nets of depth 5–30 on MNIST: epochs to a loss threshold, orthogonal vs scaled Gaussian',
  claim:
    'Orthogonal initialization gives deep linear networks a learning time independent of depth; scaled Gaussian does not.',
  source:
    'Saxe, McClelland and Ganguli, Exact solutions to the nonlinear dynamics of learning in deep linear neural networks (2013)',
  run: (context) => runDeepLinear(context),
};
