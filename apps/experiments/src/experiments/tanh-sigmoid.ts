import { type ActivationName, fit, type InitSpec, Monitor } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { mlp } from '../mlp.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

const INITS: Readonly<Record<string, InitSpec>> = {
  // U(−1/√fan_in, 1/√fan_in), the "standard" init of Glorot and Bengio: LeCun uniform's bound √(3/n) times 1/√3.
  standard: { name: 'lecun_uniform', multiplier: 1 / Math.sqrt(3) },
  xavier_uniform: 'xavier_uniform',
  he_normal: 'he_normal',
  'N(0, 0.01²)': { name: 'random_small', std: 0.01 },
};
const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh'];

/** Settings of the experiment at a budget. */
export function tanhSigmoidSettings(quick: boolean) {
  return quick
    ? {
        train: 1000,
        width: 64,
        hiddenLayers: 4,
        epochs: 2,
        batchSize: 10,
        lr: 0.1,
        every: 5,
        seeds: [1, 2, 3],
      }
    : {
        train: 5000,
        width: 128,
        hiddenLayers: 4,
        epochs: 4,
        batchSize: 10,
        lr: 0.1,
        every: 25,
        seeds: [1, 2, 3],
      };
}

interface Run {
  seed: number;
  /** `saturation[l][k]`: saturated fraction of hidden layer l + 1 at record k. */
  saturation: number[][];
  /** `mean[l][k]`: mean output of hidden layer l + 1 at record k (Glorot and Bengio's figure 2 plots it for sigmoid). */
  mean: number[][];
  steps: number[];
  /** Peak saturation of each hidden layer during the first epoch. */
  firstEpochPeak: number[];
  finalLoss: number;
  finalAccuracy: number;
}

/** Trains one network and records the saturated fraction of every hidden activation layer. */
export function tanhSigmoidRun(
  train: Parameters<typeof fit>[1],
  activation: ActivationName,
  init: InitSpec,
  seed: number,
  s: ReturnType<typeof tanhSigmoidSettings>,
): Run {
  const model = mlp({
    inputs: 784,
    width: s.width,
    depth: s.hiddenLayers + 1,
    outputs: 10,
    activation,
    init,
    seed,
  });
  const stepsPerEpoch = Math.ceil(s.train / s.batchSize);
  const monitor = new Monitor(model, {
    capacity: Math.ceil((stepsPerEpoch * s.epochs) / s.every) + 1,
    every: s.every,
  });
  const r = fit(model, train, {
    optimizer: { kind: 'sgd', lr: s.lr },
    epochs: s.epochs,
    batchSize: s.batchSize,
    seed,
    monitor,
  });
  const saturation: number[][] = [];
  const mean: number[][] = [];
  let steps: number[] = [];
  for (let l = 0; l < s.hiddenLayers; l++) {
    const series = monitor.series(String(2 * l + 1));
    saturation.push(Array.from(series.saturated));
    mean.push(Array.from(series.mean));
    steps = Array.from(series.steps);
  }
  const firstEpoch = steps.filter((t) => t < stepsPerEpoch).length;
  return {
    seed,
    saturation,
    mean,
    steps,
    firstEpochPeak: saturation.map((sat) => Math.max(...sat.slice(0, firstEpoch))),
    finalLoss: r.epochs.at(-1)?.loss ?? Number.NaN,
    finalAccuracy: r.epochs.at(-1)?.accuracy ?? Number.NaN,
  };
}

/** Runs the tanh/sigmoid experiment with the given settings. */
export async function runTanhSigmoid(
  context: RunContext,
  settings = tanhSigmoidSettings(context.quick),
): Promise<ExperimentResult> {
  const { train } = await mnist(settings.train, 100);
  const runs: Record<string, Record<string, Run[]>> = {};
  const rows: string[][] = [];
  for (const activation of ACTIVATIONS) {
    runs[activation] = {};
    for (const [label, init] of Object.entries(INITS)) {
      const list: Run[] = [];
      for (const seed of settings.seeds) {
        list.push(
          await context.progress.step(`${activation} ${label} seed ${seed}`, () =>
            tanhSigmoidRun(train, activation, init, seed, settings),
          ),
        );
      }
      (runs[activation] as Record<string, Run[]>)[label] = list;
      rows.push([
        activation,
        label,
        ...Array.from({ length: settings.hiddenLayers }, (_, l) =>
          formatSummary(summarize(list.map((r) => r.firstEpochPeak[l] as number)), 2),
        ),
        formatSummary(summarize(list.map((r) => r.saturation.at(-1)?.at(-1) as number)), 2),
        formatSummary(summarize(list.map((r) => r.mean.at(-1)?.at(-1) as number)), 2),
        formatSummary(summarize(list.map((r) => r.finalAccuracy))),
      ]);
    }
  }
  const standard = (runs.sigmoid as Record<string, Run[]>).standard as Run[];
  const top = settings.hiddenLayers - 1;
  const topAboveBottom = standard.every(
    (r) => (r.firstEpochPeak[top] as number) > (r.firstEpochPeak[0] as number),
  );
  const topHigh = standard.every((r) => (r.firstEpochPeak[top] as number) >= 0.5);
  const verdict: Verdict =
    topAboveBottom && topHigh ? 'holds' : topAboveBottom ? 'holds with caveats' : 'does not hold';
  const points: SeriesPoint[] = [];
  const meanPoints: SeriesPoint[] = [];
  for (const activation of ACTIVATIONS) {
    for (const label of ['standard', 'xavier_uniform']) {
      const list = (runs[activation] as Record<string, Run[]>)[label] as Run[];
      const first = list[0] as Run;
      for (let l = 0; l < settings.hiddenLayers; l++) {
        first.steps.forEach((t, k) => {
          const facet = `${activation}, ${label}`;
          const series = `layer ${l + 1}`;
          points.push({
            x: t,
            y: summarize(list.map((r) => r.saturation[l]?.[k] as number)).mean,
            series,
            facet,
          });
          meanPoints.push({
            x: t,
            y: summarize(list.map((r) => r.mean[l]?.[k] as number)).mean,
            series,
            facet,
          });
        });
      }
    }
  }
  return {
    settings: {
      ...settings,
      model: `784-${settings.width}×${settings.hiddenLayers}-10 with the activation after every hidden layer, biases 0`,
      optimizer: `SGD lr ${settings.lr}, no momentum (as Glorot and Bengio)`,
      saturated:
        'sigmoid outputs outside [0.01, 0.99], tanh outputs with |y| > 0.99 (Monitor), recorded every few steps on the training batch',
      standard: 'U(−1/√fan_in, 1/√fan_in)',
      data: `MNIST, stratified subset of ${settings.train} (seed 2024), pixels v/255`,
    },
    seeds: settings.seeds,
    data: { runs },
    tables: [
      {
        title: `Saturated fraction per hidden layer: peak during the first epoch (mean ± std over ${settings.seeds.length} seeds), last layer at the end, training accuracy after ${settings.epochs} epochs`,
        columns: [
          'activation',
          'init',
          ...Array.from({ length: settings.hiddenLayers }, (_, l) => `layer ${l + 1} peak`),
          'top layer at end',
          'train accuracy',
        ],
        rows,
      },
    ],
    verdict: {
      verdict,
      rule: "holds when, with sigmoid and the standard init, the top hidden layer's peak saturation in the first epoch exceeds the first hidden layer's on every seed and reaches 0.5 (Glorot and Bengio 2010, figure 2); with caveats when it exceeds it but stays below 0.5",
      detail: `sigmoid, standard init: top layer peak saturation ${formatNumber(summarize(standard.map((r) => r.firstEpochPeak[top] as number)).mean)} against first layer ${formatNumber(summarize(standard.map((r) => r.firstEpochPeak[0] as number)).mean)}; top layer mean activation at the end ${formatNumber(summarize(standard.map((r) => r.mean[top]?.at(-1) as number)).mean)}`,
    },
    figures: {
      saturation: lineChart(points, { x: 'step', y: 'saturated fraction', width: 1000 }),
      mean: lineChart(meanPoints, { x: 'step', y: 'mean activation', width: 1000 }),
    },
  };
}

/** Experiment 3. */
export const tanhSigmoid: Experiment = {
  name: 'tanh-sigmoid',
  number: 3,
  description:
    'sigmoid and tanh MLPs on MNIST: saturation per layer over training, standard vs Xavier vs He vs N(0, 0.01²)',
  claim:
    'Xavier init is for tanh and sigmoid; with the standard init the top sigmoid layer saturates early in training.',
  source:
    'the source document; Glorot and Bengio, Understanding the difficulty of training deep feedforward neural networks (2010)',
  run: (context) => runTanhSigmoid(context),
};
