import { Activation, Dense, type InitSpec, type Layer, Model } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { formatNumber, formatSummary, moments, summarize } from '../stats.ts';

const INITS: Readonly<Record<string, InitSpec>> = {
  lecun_normal: 'lecun_normal',
  he_normal: 'he_normal',
  'selu gain 3/4': { name: 'he_normal', nonlinearity: 'selu' },
};

/**
 * Bounds of "near (0, 1)" for a layer of `width` units: |mean| ≤ 3/√width and |variance − 1| ≤ 3·√(2/width),
 * three times the finite-width fluctuation of a layer average over `width` units whose own statistics vary
 * with their weights (0.11 and 0.15 at width 784).
 */
export function nearBounds(width: number): { mean: number; variance: number } {
  return { mean: 3 / Math.sqrt(width), variance: 3 * Math.sqrt(2 / width) };
}

/** Settings of the experiment at a budget. */
export function seluSettings(quick: boolean) {
  return quick
    ? { width: 128, depths: [32, 64], batch: 128, seeds: [1, 2, 3] }
    : { width: 784, depths: [32, 64], batch: 256, seeds: [1, 2, 3] };
}

/** Mean and variance of every SELU layer's output at initialization for one network and batch. */
export function seluLayerMoments(
  x: Float32Array,
  batch: number,
  width: number,
  depth: number,
  init: InitSpec,
  seed: number,
): { mean: number[]; variance: number[] } {
  const layers: Layer[] = [];
  for (let i = 0; i < depth; i++) layers.push(new Dense({ units: width }), new Activation({ name: 'selu' }));
  const model = new Model(layers, { inputShape: [784], init, seed });
  const mean: number[] = [];
  const variance: number[] = [];
  model.setObserver((layer, values, _batch, phase) => {
    if (phase !== 'forward' || layer.kind !== 'selu') return;
    const m = moments(values);
    mean.push(m.mean);
    variance.push(m.std * m.std);
  });
  model.forward(x, batch);
  model.setObserver(undefined);
  return { mean, variance };
}

/** Runs the SELU experiment with the given settings. */
export async function runSelu(
  context: RunContext,
  settings = seluSettings(context.quick),
): Promise<ExperimentResult> {
  const { train } = await mnist(settings.batch, 100, 'standardize');
  const x = train.x.subarray(0, settings.batch * 784);
  const runs: Record<
    string,
    Record<number, { seed: number; mean: number[]; variance: number[]; near: boolean }[]>
  > = {};
  const NEAR = nearBounds(settings.width);
  const rows: string[][] = [];
  const nearCounts: Record<string, Record<number, number>> = {};
  for (const [label, init] of Object.entries(INITS)) {
    runs[label] = {};
    nearCounts[label] = {};
    for (const depth of settings.depths) {
      const list = [];
      for (const seed of settings.seeds) {
        const m = await context.progress.step(`${label} depth ${depth} seed ${seed}`, () =>
          seluLayerMoments(x, settings.batch, settings.width, depth, init, seed),
        );
        const near =
          m.mean.every((v) => Math.abs(v) <= NEAR.mean) &&
          m.variance.every((v) => Math.abs(v - 1) <= NEAR.variance);
        list.push({ seed, ...m, near });
      }
      (runs[label] as Record<number, unknown>)[depth] = list;
      const near = list.filter((r) => r.near).length;
      (nearCounts[label] as Record<number, number>)[depth] = near;
      rows.push([
        label,
        String(depth),
        formatSummary(summarize(list.map((r) => r.mean.at(-1) as number))),
        formatSummary(summarize(list.map((r) => r.variance.at(-1) as number))),
        formatNumber(Math.max(...list.map((r) => Math.max(...r.mean.map(Math.abs))))),
        formatNumber(Math.max(...list.map((r) => Math.max(...r.variance.map((v) => Math.abs(v - 1)))))),
        `${near}/${list.length}`,
      ]);
    }
  }
  const count = (label: string) =>
    settings.depths.reduce((a, d) => a + ((nearCounts[label] as Record<number, number>)[d] ?? 0), 0);
  const total = settings.depths.length * settings.seeds.length;
  const lecunAll = count('lecun_normal') === total;
  const othersNone = count('he_normal') === 0 && count('selu gain 3/4') === 0;
  const verdict: Verdict =
    lecunAll && othersNone ? 'holds' : lecunAll ? 'holds with caveats' : 'does not hold';
  const meanPoints: SeriesPoint[] = [];
  const varPoints: SeriesPoint[] = [];
  for (const label of Object.keys(INITS)) {
    for (const depth of settings.depths) {
      const list = (runs[label] as Record<number, { mean: number[]; variance: number[] }[]>)[depth] ?? [];
      for (let i = 0; i < depth; i++) {
        meanPoints.push({
          x: i + 1,
          y: summarize(list.map((r) => r.mean[i] as number)).mean,
          series: label,
          facet: `depth ${depth}`,
        });
        varPoints.push({
          x: i + 1,
          y: summarize(list.map((r) => r.variance[i] as number)).mean,
          series: label,
          facet: `depth ${depth}`,
        });
      }
    }
  }
  return {
    settings: {
      ...settings,
      model: `depth × (Dense ${settings.width} → SELU), biases 0`,
      data: `${settings.batch} MNIST training digits (stratified, seed 2024), standardized (v/255 − 0.1307)/0.3081`,
      near: `|mean| ≤ 3/√width = ${formatNumber(NEAR.mean)} and |variance − 1| ≤ 3·√(2/width) = ${formatNumber(NEAR.variance)} at every layer`,
      'selu gain 3/4': 'std = (3/4)/√fan_in, PyTorch calculate_gain("selu") with kaiming_normal_',
    },
    seeds: settings.seeds,
    data: { runs, nearCounts },
    tables: [
      {
        title: `SELU networks of width ${settings.width} at initialization, a batch of ${settings.batch} standardized digits (${settings.seeds.length} seeds)`,
        columns: [
          'init',
          'depth',
          'mean, last layer',
          'variance, last layer',
          'max |mean|',
          'max |var − 1|',
          'near (0, 1) everywhere',
        ],
        rows,
      },
    ],
    verdict: {
      verdict,
      rule: 'holds when every LeCun-normal run stays near (0, 1) at every layer and no He or gain-3/4 run does; with caveats when LeCun stays near but another scheme does too',
      detail: `runs near (0, 1) at every layer: LeCun ${count('lecun_normal')}/${total}, He ${count('he_normal')}/${total}, gain 3/4 ${count('selu gain 3/4')}/${total}`,
    },
    figures: {
      variance: lineChart(varPoints, {
        x: 'layer',
        y: 'variance of SELU outputs at init',
        yType: 'log',
        width: 900,
        rule: 1,
      }),
      mean: lineChart(meanPoints, { x: 'layer', y: 'mean of SELU outputs at init', width: 900, rule: 0 }),
    },
  };
}

/** Experiment 4. */
export const selu: Experiment = {
  name: 'selu',
  number: 4,
  description:
    'SELU nets of depth 32 and 64, width 784: only LeCun normal keeps per-layer (mean, var) near (0, 1)',
  claim:
    'LeCun normal is the initialization for SELU: activations self-normalize to mean 0, variance 1 through depth.',
  source:
    'the source document; Klambauer, Unterthiner, Mayr and Hochreiter, Self-Normalizing Neural Networks (2017)',
  run: (context) => runSelu(context),
};
