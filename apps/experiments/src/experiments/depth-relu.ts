import { diagnose, fit, type InitSpec } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { mlp } from '../mlp.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

const INITS: Readonly<Record<string, InitSpec>> = {
  'N(0, 0.01²)': { name: 'random_small', std: 0.01 },
  xavier_normal: 'xavier_normal',
  he_normal: 'he_normal',
};

/** Training loss at or below which a run counts as converged (chance level is ln 10 ≈ 2.30). */
export const CONVERGED_LOSS = 1.0;

/** Settings of the experiment at a budget. */
export function depthReluSettings(quick: boolean) {
  return quick
    ? {
        train: 1000,
        width: 32,
        depths: [5, 10, 30],
        epochs: 4,
        batchSize: 64,
        lr: 0.01,
        momentum: 0.9,
        seeds: [1, 2, 3],
      }
    : {
        train: 5000,
        width: 64,
        depths: [5, 10, 20, 30, 50],
        epochs: 10,
        batchSize: 64,
        lr: 0.01,
        momentum: 0.9,
        seeds: [1, 2, 3],
      };
}

export interface Run {
  seed: number;
  depth: number;
  /** Output std of each Dense layer (pre-activation) at initialization, layer 1 … depth (logits last). */
  activationStd: number[];
  /** Weight-gradient norm of each Dense layer at initialization. */
  gradNorm: number[];
  epochLoss: number[];
  status: string;
  bestLoss: number;
  converged: boolean;
}

/** Per-layer statistics at initialization and the training run of one model. */
export function depthReluRun(
  train: Parameters<typeof fit>[1],
  init: InitSpec,
  depth: number,
  seed: number,
  s: ReturnType<typeof depthReluSettings>,
  withTraining = true,
): Run {
  const model = mlp({ inputs: 784, width: s.width, depth, outputs: 10, activation: 'relu', init, seed });
  const report = diagnose(model, train, { batch: 256, probes: 1 });
  const activationStd = report.layers.filter((l) => l.kind === 'dense').map((l) => l.std);
  const gradNorm = report.layers.filter((l) => l.kind === 'dense').map((l) => l.gradNorm);
  let epochLoss: number[] = [];
  let status = 'not trained';
  if (withTraining) {
    const r = fit(model, train, {
      optimizer: { kind: 'sgd', lr: s.lr, momentum: s.momentum },
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed,
    });
    epochLoss = r.epochs.map((e) => e.loss);
    status = r.status;
  }
  const finite = epochLoss.filter(Number.isFinite);
  const bestLoss = finite.length > 0 ? Math.min(...finite) : Number.NaN;
  return {
    seed,
    depth,
    activationStd,
    gradNorm,
    epochLoss,
    status,
    bestLoss,
    converged: status === 'completed' && bestLoss <= CONVERGED_LOSS,
  };
}

/** The figures of the experiment from its runs (also used to redraw them from a results file). */
export function depthReluFigures(
  runs: Record<string, Record<number, Run[]>>,
  settings: { depths: readonly number[] },
): Record<string, string> {
  const get = (label: string, depth: number) => (runs[label] as Record<number, Run[]>)[depth] as Run[];
  const stdPoints: SeriesPoint[] = [];
  const gradPoints: SeriesPoint[] = [];
  const lossPoints: SeriesPoint[] = [];
  for (const label of Object.keys(INITS)) {
    for (const depth of settings.depths) {
      const list = get(label, depth);
      const facet = `depth ${depth}`;
      const mean = (f: (r: Run) => number) => summarize(list.map(f)).mean;
      (list[0]?.activationStd ?? []).forEach((_, i) => {
        stdPoints.push({ x: i + 1, y: mean((r) => r.activationStd[i] as number), series: label, facet });
      });
      (list[0]?.gradNorm ?? []).forEach((_, i) => {
        gradPoints.push({ x: i + 1, y: mean((r) => r.gradNorm[i] as number), series: label, facet });
      });
      (list[0]?.epochLoss ?? []).forEach((_, e) => {
        lossPoints.push({ x: e + 1, y: mean((r) => r.epochLoss[e] as number), series: label, facet });
      });
    }
  }
  const width = 220 * settings.depths.length + 80;
  return {
    'activation-std': lineChart(stdPoints, {
      x: 'layer',
      y: 'pre-activation std at init',
      yType: 'log',
      width,
    }),
    'gradient-norm': lineChart(gradPoints, { x: 'Dense layer', y: '‖∇W‖ at init', yType: 'log', width }),
    loss: lineChart(lossPoints, { x: 'epoch', y: 'training loss', width, rule: CONVERGED_LOSS }),
  };
}

/** Runs the depth experiment with the given settings. */
export async function runDepthRelu(
  context: RunContext,
  settings = depthReluSettings(context.quick),
): Promise<ExperimentResult> {
  const { train } = await mnist(settings.train, 100);
  const runs: Record<string, Record<number, Run[]>> = {};
  for (const [label, init] of Object.entries(INITS)) {
    runs[label] = {};
    for (const depth of settings.depths) {
      const list: Run[] = [];
      for (const seed of settings.seeds) {
        list.push(
          await context.progress.step(`${label} depth ${depth} seed ${seed}`, () =>
            depthReluRun(train, init, depth, seed, settings),
          ),
        );
      }
      (runs[label] as Record<number, Run[]>)[depth] = list;
    }
  }
  const get = (label: string, depth: number) => (runs[label] as Record<number, Run[]>)[depth] as Run[];
  const rows: string[][] = [];
  const summary: Record<string, Record<number, unknown>> = {};
  for (const label of Object.keys(INITS)) {
    summary[label] = {};
    for (const depth of settings.depths) {
      const list = get(label, depth);
      const lastStd = summarize(list.map((r) => r.activationStd.at(-1) ?? Number.NaN));
      const firstStd = summarize(list.map((r) => r.activationStd[0] ?? Number.NaN));
      const gradRatio = summarize(
        list.map((r) => (r.gradNorm[0] ?? Number.NaN) / (r.gradNorm.at(-1) ?? Number.NaN)),
      );
      const best = summarize(list.map((r) => r.bestLoss));
      const converged = list.filter((r) => r.converged).length;
      (summary[label] as Record<number, unknown>)[depth] = {
        firstStd,
        lastStd,
        gradRatio,
        bestLoss: best,
        converged,
        runs: list.length,
      };
      rows.push([
        label,
        String(depth),
        formatNumber(firstStd.mean),
        formatNumber(lastStd.mean),
        formatNumber(gradRatio.mean),
        formatSummary(best),
        `${converged}/${list.length}`,
      ]);
    }
  }
  const at = settings.depths.includes(30) ? 30 : (settings.depths.at(-1) as number);
  const heAll = get('he_normal', at).every((r) => r.converged);
  const xavierNone = get('xavier_normal', at).every((r) => !r.converged);
  const xavierSome = get('xavier_normal', at).some((r) => !r.converged);
  const verdict: Verdict =
    heAll && xavierNone ? 'holds' : heAll && xavierSome ? 'holds with caveats' : 'does not hold';
  return {
    settings: {
      ...settings,
      model: `784-${settings.width}×(depth−1)-10 ReLU MLP, biases 0, every weight layer from the scheme`,
      optimizer: `SGD lr ${settings.lr}, momentum ${settings.momentum}, no clipping`,
      converged: `best epoch-mean training loss ≤ ${CONVERGED_LOSS} within ${settings.epochs} epochs, no non-finite values`,
      data: `MNIST, stratified subset of ${settings.train} (seed 2024), pixels v/255`,
      statistics: 'at initialization, one forward and backward pass over 256 training samples (diagnose)',
    },
    seeds: settings.seeds,
    data: { runs, summary },
    tables: [
      {
        title: `ReLU MLPs, width ${settings.width}: at init and after ${settings.epochs} epochs of ${settings.train} digits (${settings.seeds.length} seeds)`,
        columns: [
          'init',
          'depth',
          'std layer 1',
          'std logits',
          '‖∇W₁‖/‖∇W_L‖',
          'best train loss',
          `converged (loss ≤ ${CONVERGED_LOSS})`,
        ],
        rows,
      },
    ],
    verdict: {
      verdict,
      rule: `holds when at depth ${at} He converges on every seed and Xavier on none (He 2015); with caveats when He converges on every seed and Xavier fails on some`,
      detail: `depth ${at}: He ${get('he_normal', at).filter((r) => r.converged).length}/${settings.seeds.length}, Xavier ${get('xavier_normal', at).filter((r) => r.converged).length}/${settings.seeds.length}, N(0, 0.01²) ${get('N(0, 0.01²)', at).filter((r) => r.converged).length}/${settings.seeds.length} converged within ${settings.epochs} epochs`,
    },
    figures: depthReluFigures(runs, settings),
  };
}

/** Experiment 2. */
export const depthRelu: Experiment = {
  name: 'depth-relu',
  number: 2,
  description:
    'N(0, 0.01²) vs Xavier vs He in ReLU MLPs of depth 5–50 on MNIST: per-layer std, gradients, convergence at 30',
  claim:
    'Small random values suit only small networks; He init is for ReLU: at 30 layers Xavier stalls and He converges.',
  source: 'the source document; He, Zhang, Ren and Sun, Delving Deep into Rectifiers (2015), figure 3',
  run: (context) => runDepthRelu(context),
};
