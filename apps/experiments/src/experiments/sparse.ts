import { evaluate, fit, type InitSpec, type Model } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { mlp } from '../mlp.ts';
import { applyMasks, weightMemory, zeroMasks } from '../sparse-masks.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

/** The two sparse semantics of @init/schemes. */
export type SparseSemantics = 'torch' | 'martens';
const SEMANTICS: readonly SparseSemantics[] = ['torch', 'martens'];
/** Training modes: every weight free, or the zero weights of the start held at zero. */
export type SparseMode = 'unmasked' | 'masked';
const MODES: readonly SparseMode[] = ['unmasked', 'masked'];

/** Settings of the experiment at a budget. */
export function sparseSettings(quick: boolean) {
  const common = {
    hiddenLayers: 2,
    batchSize: 64,
    lr: 0.001,
    densities: [0.5, 0.2, 0.1, 0.03],
    tolerance: 0.02,
    seeds: [1, 2, 3],
  };
  return quick
    ? { ...common, train: 1000, test: 500, width: 64, epochs: 1 }
    : { ...common, train: 3000, test: 2000, width: 128, epochs: 3 };
}

type Settings = ReturnType<typeof sparseSettings>;

/**
 * The sparse scheme of one layer at density d (fraction of non-zero weights): torch semantics with
 * sparsity 1 − d (that fraction of each input unit's outgoing weights zeroed), or Martens semantics with
 * k = max(1, round(d · fan_in)) non-zero incoming weights per unit. The non-zeros are N(0, 2/(d · fan_in)),
 * so each unit's pre-activation variance is He's.
 */
export function sparseSpec(semantics: SparseSemantics, density: number, fanIn: number): InitSpec {
  const std = Math.sqrt(2 / (density * fanIn));
  return semantics === 'torch'
    ? { name: 'sparse', semantics, sparsity: 1 - density, std }
    : { name: 'sparse', semantics, k: Math.max(1, Math.round(density * fanIn)), std };
}

/** An MLP 784-width×hidden-10 (ReLU), He normal, or sparse in every weight layer; biases 0. */
export function sparseMlp(s: Settings, seed: number, semantics?: SparseSemantics, density = 1): Model {
  const model = mlp({
    inputs: 784,
    width: s.width,
    depth: s.hiddenLayers + 1,
    outputs: 10,
    activation: 'relu',
    init: 'he_normal',
    seed,
  });
  if (semantics !== undefined) {
    for (let l = 0; l <= s.hiddenLayers; l++) {
      const fanIn = l === 0 ? 784 : s.width;
      model.init(sparseSpec(semantics, density, fanIn), { rng: seed, layer: String(2 * l) });
    }
  }
  return model;
}

/** One run. */
export interface SparseRun {
  seed: number;
  accuracy: number;
  /** Fraction of non-zero weights at init and after training. */
  densityAtInit: number;
  densityAfter: number;
  csrBytesAtInit: number;
  csrBytesAfter: number;
  denseBytes: number;
  finalLoss: number;
}

/** Trains one model (masked: the zero weights of the start are reset to 0 after every step). */
export function sparseRun(
  data: Awaited<ReturnType<typeof mnist>>,
  s: Settings,
  seed: number,
  mode: SparseMode,
  semantics?: SparseSemantics,
  density = 1,
): SparseRun {
  const model = sparseMlp(s, seed, semantics, density);
  const before = weightMemory(model);
  const masks = mode === 'masked' ? zeroMasks(model) : [];
  const r = fit(model, data.train, {
    optimizer: { kind: 'adam', lr: s.lr },
    epochs: s.epochs,
    batchSize: s.batchSize,
    seed,
    ...(mode === 'masked' ? { onStep: () => applyMasks(masks) } : {}),
  });
  const after = weightMemory(model);
  return {
    seed,
    accuracy: evaluate(model, data.test).accuracy ?? Number.NaN,
    densityAtInit: before.nonZero / before.total,
    densityAfter: after.nonZero / after.total,
    csrBytesAtInit: before.csrBytes,
    csrBytesAfter: after.csrBytes,
    denseBytes: after.denseBytes,
    finalLoss: r.epochs.at(-1)?.loss ?? Number.NaN,
  };
}

/** A (semantics, mode, density) setting and its runs. */
export interface SparseCell {
  semantics: SparseSemantics;
  mode: SparseMode;
  density: number;
  runs: SparseRun[];
}

const mean = (runs: readonly SparseRun[], f: (r: SparseRun) => number) => summarize(runs.map(f)).mean;

/**
 * The rule: a setting serves a small device when its mean test accuracy is within `tolerance` of dense He
 * and its trained weights take fewer bytes in CSR than dense float32.
 */
export function sparseVerdict(
  dense: readonly SparseRun[],
  cells: readonly SparseCell[],
  tolerance: number,
): { verdict: Verdict; serving: Record<SparseMode, string[]> } {
  const target = mean(dense, (r) => r.accuracy) - tolerance;
  const serving: Record<SparseMode, string[]> = { unmasked: [], masked: [] };
  for (const c of cells) {
    const serves =
      mean(c.runs, (r) => r.accuracy) >= target &&
      mean(c.runs, (r) => r.csrBytesAfter) < mean(c.runs, (r) => r.denseBytes);
    if (serves) serving[c.mode].push(`${c.semantics} ${c.density}`);
  }
  const verdict: Verdict =
    serving.unmasked.length > 0
      ? 'holds'
      : serving.masked.length > 0
        ? 'holds with caveats'
        : 'does not hold';
  return { verdict, serving };
}

function sparseTable(dense: readonly SparseRun[], cells: readonly SparseCell[], s: Settings) {
  const kb = (b: number) => formatNumber(b / 1024);
  const row = (label: string, mode: string, density: string, runs: readonly SparseRun[]) => [
    label,
    mode,
    density,
    formatSummary(summarize(runs.map((r) => r.accuracy))),
    formatNumber(mean(runs, (r) => r.densityAtInit)),
    formatNumber(mean(runs, (r) => r.densityAfter)),
    kb(mean(runs, (r) => r.csrBytesAtInit)),
    kb(mean(runs, (r) => r.csrBytesAfter)),
    kb(mean(runs, (r) => r.denseBytes)),
  ];
  return {
    title: `Sparse starts of a 784-${s.width}×${s.hiddenLayers}-10 ReLU MLP, ${s.epochs} epochs on ${s.train} digits, test on ${s.test} (mean ± std over ${s.seeds.length} seeds); memory of the weight matrices in KiB`,
    columns: [
      'start',
      'training',
      'non-zero fraction',
      'test accuracy',
      'non-zero at init',
      'non-zero after',
      'CSR KiB at init',
      'CSR KiB after',
      'dense KiB',
    ],
    rows: [
      row('he_normal (dense)', 'unmasked', '1', dense),
      ...cells.map((c) => row(`sparse ${c.semantics}`, c.mode, String(c.density), c.runs)),
    ],
  };
}

function sparseFigures(dense: readonly SparseRun[], cells: readonly SparseCell[]) {
  const accuracy: SeriesPoint[] = [];
  const memory: SeriesPoint[] = [];
  for (const c of cells) {
    const series = `${c.semantics}, ${c.mode}`;
    accuracy.push({ x: c.density, y: mean(c.runs, (r) => r.accuracy), series });
    memory.push({ x: c.density, y: mean(c.runs, (r) => r.csrBytesAfter) / 1024, series });
  }
  return {
    accuracy: lineChart(accuracy, {
      x: 'fraction of non-zero weights at init',
      y: 'test accuracy (dashed: dense He)',
      rule: mean(dense, (r) => r.accuracy),
    }),
    memory: lineChart(memory, {
      x: 'fraction of non-zero weights at init',
      y: 'CSR KiB of the trained weights (dashed: dense float32)',
      rule: mean(dense, (r) => r.denseBytes) / 1024,
    }),
  };
}

/** Runs the sparse experiment with the given settings. */
export async function runSparse(
  context: RunContext,
  settings = sparseSettings(context.quick),
): Promise<ExperimentResult> {
  const data = await mnist(settings.train, settings.test);
  const dense: SparseRun[] = [];
  for (const seed of settings.seeds) {
    dense.push(
      await context.progress.step(`dense seed ${seed}`, () => sparseRun(data, settings, seed, 'unmasked')),
    );
  }
  const cells: SparseCell[] = [];
  for (const semantics of SEMANTICS) {
    for (const mode of MODES) {
      for (const density of settings.densities) {
        const runs: SparseRun[] = [];
        for (const seed of settings.seeds) {
          runs.push(
            await context.progress.step(`${semantics} ${mode} ${density} seed ${seed}`, () =>
              sparseRun(data, settings, seed, mode, semantics, density),
            ),
          );
        }
        cells.push({ semantics, mode, density, runs });
      }
    }
  }
  const { verdict, serving } = sparseVerdict(dense, cells, settings.tolerance);
  const after = (mode: SparseMode) =>
    formatNumber(
      summarize(cells.filter((c) => c.mode === mode).map((c) => mean(c.runs, (r) => r.densityAfter))).max,
    );
  return {
    settings: {
      ...settings,
      model: `784-${settings.width}×${settings.hiddenLayers}-10 ReLU MLP, biases 0, every weight matrix from the start`,
      starts:
        "dense: he_normal; sparse torch: sparsity 1 − d (PyTorch sparse_: that fraction of each input unit's outgoing weights zeroed); sparse martens: k = max(1, round(d·fan_in)) non-zero incoming weights per unit (Martens 2010); non-zeros N(0, 2/(d·fan_in)) so each unit keeps He's variance (the scheme's default std 0.01 would shrink the signal at every layer)",
      training: `Adam lr ${settings.lr}, batch ${settings.batchSize}; unmasked: every weight is trained; masked: after every optimizer step the weights that were 0 at init are set back to 0 (fit's onStep callback)`,
      memory:
        'CSR of each weight matrix (toCsr: 4·(rows + 1) + 8·nnz bytes, float32 values and 32-bit column indices) against 4 bytes per weight dense; biases not counted',
      serves: `mean test accuracy ≥ dense He − ${settings.tolerance} and CSR bytes of the trained weights below the dense bytes`,
      data: `MNIST, stratified subsets of ${settings.train} / ${settings.test} (seeds 2024 / 2025), pixels v/255`,
    },
    seeds: settings.seeds,
    data: { dense, cells },
    tables: [sparseTable(dense, cells, settings)],
    verdict: {
      verdict,
      rule: `a setting serves an edge device when its mean test accuracy is within ${settings.tolerance} of dense He and its trained weights take fewer bytes in CSR than dense float32; holds when some sparse start does so trained without a mask (the initialization alone keeps the model small), with caveats when only masked training does, does not hold when neither`,
      detail: `dense He accuracy ${formatNumber(mean(dense, (r) => r.accuracy))}; settings that serve: unmasked ${serving.unmasked.length === 0 ? 'none' : serving.unmasked.join(', ')}, masked ${serving.masked.length === 0 ? 'none' : serving.masked.join(', ')} (semantics and fraction of non-zeros); largest non-zero fraction after training: unmasked ${after('unmasked')}, masked ${after('masked')}`,
    },
    figures: sparseFigures(dense, cells),
  };
}

/** Experiment 10. */
export const sparse: Experiment = {
  name: 'sparse',
  number: 10,
  description:
    'accuracy and memory against the fraction of non-zero weights, both sparse semantics, masked or not',
  claim:
    'Sparse initialization serves edge devices: a network started sparse keeps its accuracy with a fraction of the weights, and so of the memory.',
  source:
    'the source document; Martens, Deep learning via Hessian-free optimization (2010), sparse initialization; PyTorch torch.nn.init.sparse_',
  run: (context) => runSparse(context),
};
