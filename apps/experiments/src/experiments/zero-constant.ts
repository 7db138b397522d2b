import { evaluate, fit, type InitSpec } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { barChart, lineChart, type SeriesPoint } from '../figures.ts';
import { mlp, parameter } from '../mlp.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

const INITS: Readonly<Record<string, InitSpec>> = {
  zeros: 'zeros',
  'constant 0.01': { name: 'constant', value: 0.01 },
  he_normal: 'he_normal',
};

/**
 * Largest difference between any unit's incoming weights and unit 0's:
 * max over i, j of |W[i, j] − W[0, j]| for a row-major `[units, inputs]` matrix (0 = all units identical).
 */
export function maxUnitDifference(w: Float32Array, units: number): number {
  const inputs = w.length / units;
  let max = 0;
  for (let i = 1; i < units; i++) {
    for (let j = 0; j < inputs; j++)
      max = Math.max(max, Math.abs((w[i * inputs + j] as number) - (w[j] as number)));
  }
  return max;
}

/** Mean over inputs of the standard deviation over units of W[:, j] (the spread between units' weights). */
export function unitSpread(w: Float32Array, units: number): number {
  const inputs = w.length / units;
  let total = 0;
  for (let j = 0; j < inputs; j++) {
    let s = 0;
    let ss = 0;
    for (let i = 0; i < units; i++) {
      const v = w[i * inputs + j] as number;
      s += v;
      ss += v * v;
    }
    const mean = s / units;
    total += Math.sqrt(Math.max(0, ss / units - mean * mean));
  }
  return total / inputs;
}

/** Settings of the experiment at a budget. */
export function zeroConstantSettings(quick: boolean) {
  return quick
    ? {
        train: 1000,
        test: 500,
        width: 32,
        hiddenLayers: 2,
        epochs: 2,
        batchSize: 64,
        lr: 0.001,
        seeds: [1, 2, 3],
      }
    : {
        train: 8000,
        test: 2000,
        width: 128,
        hiddenLayers: 2,
        epochs: 5,
        batchSize: 64,
        lr: 0.001,
        seeds: [1, 2, 3],
      };
}

/** Runs the zero/constant experiment with the given settings. */
export async function runZeroConstant(
  context: RunContext,
  settings = zeroConstantSettings(context.quick),
): Promise<ExperimentResult> {
  const { train, test } = await mnist(settings.train, settings.test);
  const perSeed: Record<
    string,
    {
      seed: number;
      accuracy: number;
      loss: number;
      spread0: number;
      spread2: number;
      maxDiff0: number;
      maxDiff2: number;
      epochLoss: number[];
    }[]
  > = {};
  for (const [label, init] of Object.entries(INITS)) {
    perSeed[label] = [];
    for (const seed of settings.seeds) {
      const row = await context.progress.step(`${label} seed ${seed}`, () => {
        const model = mlp({
          inputs: 784,
          width: settings.width,
          depth: settings.hiddenLayers + 1,
          outputs: 10,
          activation: 'relu',
          init,
          seed,
        });
        const r = fit(model, train, {
          optimizer: { kind: 'adam', lr: settings.lr },
          epochs: settings.epochs,
          batchSize: settings.batchSize,
          seed,
        });
        const w0 = parameter(model, '0.weight');
        const w2 = parameter(model, '2.weight');
        return {
          seed,
          accuracy: evaluate(model, test).accuracy ?? Number.NaN,
          loss: r.epochs.at(-1)?.loss ?? Number.NaN,
          spread0: unitSpread(w0, settings.width),
          spread2: unitSpread(w2, settings.width),
          maxDiff0: maxUnitDifference(w0, settings.width),
          maxDiff2: maxUnitDifference(w2, settings.width),
          epochLoss: r.epochs.map((e) => e.loss),
        };
      });
      perSeed[label]?.push(row);
    }
  }
  const summary = Object.fromEntries(
    Object.entries(perSeed).map(([label, rows]) => [
      label,
      {
        accuracy: summarize(rows.map((r) => r.accuracy)),
        loss: summarize(rows.map((r) => r.loss)),
        spread0: summarize(rows.map((r) => r.spread0)),
        spread2: summarize(rows.map((r) => r.spread2)),
        maxDiff: summarize(rows.map((r) => Math.max(r.maxDiff0, r.maxDiff2))),
      },
    ]),
  );
  const s = (k: string) => summary[k] as (typeof summary)[string];
  const symmetric = ['zeros', 'constant 0.01'].every((k) => s(k).maxDiff.max <= 1e-6);
  const heSpread = Math.min(s('he_normal').spread0.min, s('he_normal').spread2.min);
  const zeroChance = s('zeros').accuracy.mean <= 0.15;
  const constantLimited = s('constant 0.01').accuracy.mean <= s('he_normal').accuracy.mean - 0.05;
  const verdict: Verdict =
    symmetric && heSpread > 1e-2 && zeroChance
      ? constantLimited
        ? 'holds'
        : 'holds with caveats'
      : 'does not hold';
  const points: SeriesPoint[] = Object.entries(perSeed).flatMap(([label, rows]) =>
    (rows[0]?.epochLoss ?? []).map((_, e) => ({
      x: e + 1,
      y: summarize(rows.map((r) => r.epochLoss[e] as number)).mean,
      series: label,
    })),
  );
  return {
    settings: {
      ...settings,
      model: `784-${settings.width}x${settings.hiddenLayers}-10 ReLU`,
      optimizer: 'adam',
      data: 'MNIST stratified subsets (train seed 2024, test seed 2025), pixels v/255',
    },
    seeds: settings.seeds,
    data: { perSeed, summary },
    tables: [
      {
        title: `Zero and constant init: ${settings.epochs} epochs on ${settings.train} MNIST digits, test on ${settings.test} (mean ± std over ${settings.seeds.length} seeds)`,
        columns: [
          'init',
          'test accuracy',
          'final train loss',
          'unit spread layer 0',
          'unit spread layer 2',
          'max |W_i − W_0|',
        ],
        rows: Object.keys(INITS).map((k) => [
          k,
          formatSummary(s(k).accuracy),
          formatSummary(s(k).loss),
          formatSummary(s(k).spread0),
          formatSummary(s(k).spread2),
          formatNumber(s(k).maxDiff.max),
        ]),
      },
    ],
    verdict: {
      verdict,
      rule: 'holds when, on every seed, zero and constant init leave all hidden units identical (max |W_i − W_0| ≤ 1e-6 in both hidden layers) while He spreads them (> 1e-2), zero init stays near chance (mean test accuracy ≤ 0.15) and constant init is limited (≥ 5 points below He); with caveats when the last fails',
      detail: `max unit difference ${formatNumber(Math.max(s('zeros').maxDiff.max, s('constant 0.01').maxDiff.max))}; accuracy zeros ${formatNumber(s('zeros').accuracy.mean)}, constant ${formatNumber(s('constant 0.01').accuracy.mean)}, He ${formatNumber(s('he_normal').accuracy.mean)}`,
    },
    figures: {
      accuracy: barChart(
        Object.keys(INITS).map((k) => ({
          group: k,
          value: s(k).accuracy.mean,
          low: s(k).accuracy.min,
          high: s(k).accuracy.max,
        })),
        { y: 'test accuracy (chance dashed)', rule: 0.1 },
      ),
      loss: lineChart(points, { x: 'epoch', y: 'training loss (mean over seeds)' }),
    },
  };
}

/** Experiment 1. */
export const zeroConstant: Experiment = {
  name: 'zero-constant',
  number: 1,
  description:
    'zero and constant init keep hidden units identical; MNIST accuracy near chance / limited vs He',
  claim:
    'Zero initialization learns nothing; a constant keeps every hidden unit identical (symmetry is never broken).',
  source: 'the source document; Goodfellow, Bengio and Courville, Deep Learning (2016), section 8.4',
  run: (context) => runZeroConstant(context),
};
