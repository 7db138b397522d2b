import type { Dataset, InitSpec } from '@init/nn';
import { downsample2x, plainCnn } from '../cnn-model.ts';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';
import { CONVERGED_LOSS, type TrainRun, trainRun } from '../train-run.ts';

/** The kernel schemes compared; both orthogonal variants carry ReLU's gain √2. */
export const CNN_INITS: Readonly<Record<string, InitSpec>> = {
  he_normal: 'he_normal',
  xavier_normal: 'xavier_normal',
  'orthogonal ×√2': { name: 'orthogonal', gain: Math.SQRT2 },
  'delta_orthogonal ×√2': { name: 'delta_orthogonal', gain: Math.SQRT2 },
};

/** Settings of the experiment at a budget. */
export function cnnSettings(quick: boolean) {
  return quick
    ? {
        train: 200,
        test: 200,
        convLayers: 10,
        channels: 4,
        epochs: 2,
        batchSize: 32,
        lr: 0.01,
        momentum: 0.9,
        seeds: [1, 2],
      }
    : {
        train: 800,
        test: 500,
        convLayers: 12,
        channels: 8,
        epochs: 4,
        batchSize: 32,
        lr: 0.01,
        momentum: 0.9,
        seeds: [1, 2, 3],
      };
}

export type CnnSettings = ReturnType<typeof cnnSettings>;

/** The downsampled MNIST subsets of a setting. */
export async function cnnData(s: {
  train: number;
  test: number;
}): Promise<{ train: Dataset; test: Dataset }> {
  const m = await mnist(s.train, s.test);
  return { train: downsample2x(m.train), test: downsample2x(m.test) };
}

/** Short series names of the figures (the tables keep the full ones). */
const SHORT: Readonly<Record<string, string>> = {
  he_normal: 'He',
  xavier_normal: 'Xavier',
  'orthogonal ×√2': 'orth.',
  'delta_orthogonal ×√2': 'delta-orth.',
};

/** Per-init mean curves: activation std per weight layer at init, and the training loss per epoch. */
export function cnnFigures(runs: Record<string, TrainRun[]>): Record<string, string> {
  const std: SeriesPoint[] = [];
  const loss: SeriesPoint[] = [];
  for (const [name, list] of Object.entries(runs)) {
    const label = SHORT[name] ?? name;
    const mean = (f: (r: TrainRun) => number) => summarize(list.map(f)).mean;
    (list[0]?.activationStd ?? []).forEach((_, i) => {
      std.push({ x: i + 1, y: mean((r) => r.activationStd[i] as number), series: label });
    });
    (list[0]?.epochLoss ?? []).forEach((_, e) => {
      loss.push({ x: e + 1, y: mean((r) => r.epochLoss[e] as number), series: label });
    });
  }
  return {
    'activation-std': lineChart(std, {
      x: 'weight layer (last = Dense head)',
      y: 'output std at init',
      yType: 'log',
    }),
    loss: lineChart(loss, { x: 'epoch', y: 'training loss (mean over seeds)', rule: CONVERGED_LOSS }),
  };
}

/** The table row of one init's runs. */
export function trainRow(label: string, list: readonly TrainRun[]): string[] {
  return [
    label,
    formatNumber(summarize(list.map((r) => r.activationStd.at(-2) as number)).mean),
    formatNumber(summarize(list.map((r) => (r.gradNorm[0] as number) / (r.gradNorm.at(-1) as number))).mean),
    formatSummary(summarize(list.map((r) => r.bestLoss))),
    formatSummary(summarize(list.map((r) => r.accuracy))),
    `${list.filter((r) => r.converged).length}/${list.length}`,
  ];
}

/** Column headers of {@link trainRow}. */
export const TRAIN_COLUMNS = [
  'init',
  'std, last hidden layer',
  '‖∇W₁‖/‖∇W_L‖',
  'best train loss',
  'test accuracy',
  `converged (loss ≤ ${CONVERGED_LOSS})`,
];

/** Runs the CNN experiment with the given settings. */
export async function runCnn(
  context: RunContext,
  settings = cnnSettings(context.quick),
): Promise<ExperimentResult> {
  const { train, test } = await cnnData(settings);
  const runs: Record<string, TrainRun[]> = {};
  for (const [label, init] of Object.entries(CNN_INITS)) {
    const list: TrainRun[] = [];
    for (const seed of settings.seeds) {
      list.push(
        await context.progress.step(`${label} seed ${seed}`, () =>
          trainRun(plainCnn({ ...settings, init, seed }), train, test, seed, settings),
        ),
      );
    }
    runs[label] = list;
  }
  const count = (label: string) => (runs[label] ?? []).filter((r) => r.converged).length;
  const n = settings.seeds.length;
  const reluInits = ['he_normal', 'orthogonal ×√2', 'delta_orthogonal ×√2'];
  const allTrain = reluInits.every((l) => count(l) === n);
  const verdict: Verdict =
    allTrain && count('xavier_normal') === 0
      ? 'holds'
      : count('he_normal') === n && count('xavier_normal') < n
        ? 'holds with caveats'
        : 'does not hold';
  return {
    settings: {
      ...settings,
      model: `[1, 14, 14] → ${settings.convLayers} × (Conv2D 3×3, padding 1, ${settings.channels} channels → ReLU) → Flatten → Dense 10; no normalization, no skips, biases 0; kernels from the scheme, the Dense head Xavier normal in every variant`,
      optimizer: `SGD lr ${settings.lr}, momentum ${settings.momentum}, batch ${settings.batchSize}, no clipping`,
      converged: `best epoch-mean training loss ≤ ${CONVERGED_LOSS} within ${settings.epochs} epochs, no non-finite values`,
      data: `MNIST, stratified subsets of ${settings.train} / ${settings.test} (seeds 2024 / 2025), pixels v/255, averaged over 2×2 blocks to 14×14`,
      statistics: 'at initialization, one forward and backward pass over 128 training samples (diagnose)',
    },
    seeds: settings.seeds,
    data: { runs, converged: Object.fromEntries(Object.keys(runs).map((l) => [l, count(l)])) },
    tables: [
      {
        title: `Plain ${settings.convLayers}-layer ReLU CNNs, ${settings.channels} channels, ${settings.epochs} epochs on ${settings.train} digits of 14×14 (${n} seeds)`,
        columns: TRAIN_COLUMNS,
        rows: Object.entries(runs).map(([label, list]) => trainRow(label, list)),
      },
    ],
    verdict: {
      verdict,
      rule: 'holds when He, orthogonal ×√2 and delta-orthogonal ×√2 converge on every seed and Xavier on none; with caveats when He converges on every seed and Xavier on fewer',
      detail: `converged within ${settings.epochs} epochs: ${Object.keys(CNN_INITS)
        .map((l) => `${l} ${count(l)}/${n}`)
        .join(', ')}`,
    },
    figures: cnnFigures(runs),
  };
}

/** Experiment 7. */
export const cnn: Experiment = {
  name: 'cnn',
  number: 7,
  description:
    'plain 12-layer ReLU CNN on 14×14 MNIST, no normalization: He vs Xavier vs orthogonal vs delta-orthogonal',
  claim:
    'He init is for ReLU in convolutions too (fan = channels × kernel area): a plain deep CNN without normalization trains from He, orthogonal or delta-orthogonal kernels with gain √2 and stalls from Xavier, which halves the variance at every layer.',
  source:
    'the source document; He, Zhang, Ren and Sun, Delving Deep into Rectifiers (2015); Xiao, Bahri, Sohl-Dickstein, Schoenholz and Pennington, Dynamical Isometry and a Mean Field Theory of CNNs (2018)',
  run: (context) => runCnn(context),
};
