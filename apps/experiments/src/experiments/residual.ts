import {
  Activation,
  Dense,
  diagnose,
  evaluate,
  fit,
  type Layer,
  Model,
  Residual,
  Sequential,
} from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { barChart, lineChart, type SeriesPoint } from '../figures.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

/** The three ways of starting a residual MLP. */
export type ResidualStart = 'he' | 'fixup' | 'zero gate';
const STARTS: readonly ResidualStart[] = ['he', 'fixup', 'zero gate'];

/** Settings of the experiment at a budget. */
export function residualSettings(quick: boolean) {
  return quick
    ? {
        train: 500,
        test: 200,
        width: 32,
        blocks: 100,
        epochs: 5,
        batchSize: 50,
        lr: 0.01,
        momentum: 0.9,
        seeds: [1, 2, 3],
      }
    : {
        train: 3000,
        test: 1000,
        width: 64,
        blocks: 100,
        epochs: 5,
        batchSize: 50,
        lr: 0.01,
        momentum: 0.9,
        seeds: [1, 2, 3],
      };
}

/**
 * A residual MLP: Dense(width) → ReLU, `blocks` blocks `x + α·f(x)` with f = Dense → ReLU → Dense, then a
 * Dense(10) head; weights He normal. `'fixup'` scales each branch's first weight by blocks^(−1/2) and zeroes its
 * last (Fixup's rescaling for two-layer branches, without its scalar biases and multipliers); `'zero gate'` puts
 * a learned scalar α = 0 on every branch (ReZero / SkipInit).
 */
export function residualMlp(start: ResidualStart, width: number, blocks: number, seed: number): Model {
  const layers: Layer[] = [new Dense({ units: width }), new Activation({ name: 'relu' })];
  for (let b = 0; b < blocks; b++) {
    const body = new Sequential([
      new Dense({ units: width }),
      new Activation({ name: 'relu' }),
      new Dense({ units: width }),
    ]);
    layers.push(
      new Residual({
        body,
        ...(start === 'zero gate' ? { gate: 'scalar' as const, gateValue: 0 } : {}),
        ...(start === 'fixup' ? { zeroInit: true } : {}),
      }),
    );
  }
  layers.push(new Dense({ units: 10 }));
  const model = new Model(layers, { inputShape: [784], init: 'he_normal', seed });
  if (start === 'fixup') {
    for (let b = 0; b < blocks; b++) {
      model.init({ name: 'he_normal', multiplier: blocks ** -0.5 }, { rng: seed, layer: `${b + 2}.0` });
    }
  }
  return model;
}

interface Run {
  seed: number;
  logitStd: number;
  status: string;
  epochLoss: number[];
  accuracy: number;
  trains: boolean;
}

/** Runs the residual experiment with the given settings. */
export async function runResidual(
  context: RunContext,
  settings = residualSettings(context.quick),
): Promise<ExperimentResult> {
  const { train, test } = await mnist(settings.train, settings.test);
  const runs: Record<string, Run[]> = {};
  for (const start of STARTS) {
    const list: Run[] = [];
    for (const seed of settings.seeds) {
      list.push(
        await context.progress.step(`${start} seed ${seed}`, () => {
          const model = residualMlp(start, settings.width, settings.blocks, seed);
          const report = diagnose(model, train, { batch: 100, probes: 1 });
          const logitStd = report.layers.at(-1)?.std ?? Number.NaN;
          const r = fit(model, train, {
            optimizer: { kind: 'sgd', lr: settings.lr, momentum: settings.momentum },
            epochs: settings.epochs,
            batchSize: settings.batchSize,
            seed,
          });
          const epochLoss = r.epochs.map((e) => e.loss);
          const last = epochLoss.at(-1) ?? Number.NaN;
          const accuracy =
            r.status === 'non_finite' ? Number.NaN : (evaluate(model, test).accuracy ?? Number.NaN);
          return {
            seed,
            logitStd,
            status: r.status,
            epochLoss,
            accuracy,
            trains: r.status === 'completed' && last < 1.0,
          };
        }),
      );
    }
    runs[start] = list;
  }
  const get = (s: ResidualStart) => runs[s] as Run[];
  const heFails = get('he').every((r) => !r.trains);
  const othersTrain = get('fixup').every((r) => r.trains) && get('zero gate').every((r) => r.trains);
  const verdict: Verdict =
    heFails && othersTrain ? 'holds' : othersTrain ? 'holds with caveats' : 'does not hold';
  const points: SeriesPoint[] = [];
  for (const s of STARTS) {
    (get(s)[0]?.epochLoss ?? []).forEach((_, e) => {
      points.push({ x: e + 1, y: summarize(get(s).map((r) => r.epochLoss[e] as number)).mean, series: s });
    });
  }
  return {
    settings: {
      ...settings,
      model: `784-${settings.width}, ${settings.blocks} blocks x + α·(Dense-ReLU-Dense)(x) of width ${settings.width}, Dense 10; no normalization`,
      optimizer: `SGD lr ${settings.lr}, momentum ${settings.momentum}, no clipping`,
      trains: 'completed without a non-finite value and last-epoch training loss < 1.0',
      data: `MNIST, stratified subsets of ${settings.train} / ${settings.test} (seeds 2024 / 2025), pixels v/255`,
    },
    seeds: settings.seeds,
    data: { runs },
    tables: [
      {
        title: `${settings.blocks}-block residual MLPs without normalization, ${settings.epochs} epochs on ${settings.train} digits (${settings.seeds.length} seeds)`,
        columns: ['start', 'logit std at init', 'status', 'last train loss', 'test accuracy', 'trains'],
        rows: STARTS.map((s) => [
          s,
          formatSummary(summarize(get(s).map((r) => r.logitStd))),
          [...new Set(get(s).map((r) => r.status))].join(', '),
          formatSummary(summarize(get(s).map((r) => r.epochLoss.at(-1) as number))),
          formatSummary(summarize(get(s).map((r) => r.accuracy))),
          `${get(s).filter((r) => r.trains).length}/${get(s).length}`,
        ]),
      },
    ],
    verdict: {
      verdict,
      rule: 'holds when no default-He run trains and every Fixup and zero-gate run does; with caveats when Fixup and zero gates train but some He run does too',
      detail: `runs that train: He ${get('he').filter((r) => r.trains).length}, Fixup ${get('fixup').filter((r) => r.trains).length}, zero gate ${get('zero gate').filter((r) => r.trains).length} of ${settings.seeds.length}; He logit std at init ${formatNumber(summarize(get('he').map((r) => r.logitStd)).mean)}`,
    },
    figures: {
      'logit-std': barChart(
        STARTS.map((s) => ({ group: s, value: Math.log10(summarize(get(s).map((r) => r.logitStd)).mean) })),
        { y: 'log10 of the logit std at init' },
      ),
      loss: lineChart(points, { x: 'epoch', y: 'training loss (mean over seeds)', yType: 'log' }),
    },
  };
}

/** Experiment 8. */
export const residual: Experiment = {
  name: 'residual',
  number: 8,
  description:
    '100-block residual MLP without normalization: default He blows up, Fixup and zero-init gates train',
  claim:
    'Without normalization a deep residual net under default He init blows up; Fixup and zero-initialized residual gates train.',
  source:
    'Zhang, Dauphin and Ma, Fixup Initialization (2019); Bachlechner et al., ReZero (2020); De and Smith, SkipInit (2020)',
  run: (context) => runResidual(context),
};
