import { describe, expect, it } from 'vitest';
import type { Experiment, ExperimentResult, RunContext } from './experiment.ts';
import { autoencoderSettings, runAutoencoder } from './experiments/autoencoder.ts';
import { cnnSettings, runCnn } from './experiments/cnn.ts';
import { deepLinearSettings, runDeepLinear } from './experiments/deep-linear.ts';
import { depthReluSettings, runDepthRelu } from './experiments/depth-relu.ts';
import { lsuvSettings, runLsuv } from './experiments/lsuv.ts';
import { recurrentMemorySettings, runRecurrentMemory } from './experiments/recurrent-memory.ts';
import { residualSettings, runResidual } from './experiments/residual.ts';
import { runSelu, seluSettings } from './experiments/selu.ts';
import { runSparse, sparseSettings } from './experiments/sparse.ts';
import { runTanhSigmoid, tanhSigmoidSettings } from './experiments/tanh-sigmoid.ts';
import { runTheory, theorySettings } from './experiments/theory.ts';
import { runZeroConstant, zeroConstantSettings } from './experiments/zero-constant.ts';
import { silentProgress } from './progress.ts';
import { EXPERIMENTS } from './registry.ts';
import { resultFile, toJson } from './results.ts';

const context: RunContext = { quick: true, progress: silentProgress };

/**
 * Reduced versions of the quick settings: the same code paths (every init, the verdict rule, the figures) on
 * fewer samples, layers, epochs and seeds, so that running each one twice keeps the suite to seconds. An
 * experiment missing here is checked on its full quick version instead.
 */
const REDUCED: Readonly<Record<string, () => Promise<ExperimentResult>>> = {
  'zero-constant': () =>
    runZeroConstant(context, {
      ...zeroConstantSettings(true),
      train: 300,
      test: 200,
      width: 16,
      epochs: 1,
      seeds: [1, 2],
    }),
  'depth-relu': () =>
    runDepthRelu(context, {
      ...depthReluSettings(true),
      train: 200,
      width: 16,
      depths: [5, 10],
      epochs: 2,
      seeds: [1, 2],
    }),
  selu: () =>
    runSelu(context, { ...seluSettings(true), width: 64, depths: [8, 16], batch: 32, seeds: [1, 2] }),
  'deep-linear': () =>
    runDeepLinear(context, {
      ...deepLinearSettings(true),
      train: 200,
      width: 16,
      depths: [5, 10],
      maxEpochs: 3,
      seeds: [1, 2],
    }),
  'tanh-sigmoid': () =>
    runTanhSigmoid(context, {
      ...tanhSigmoidSettings(true),
      train: 100,
      width: 16,
      epochs: 1,
      seeds: [1, 2],
    }),
  residual: () =>
    runResidual(context, {
      ...residualSettings(true),
      train: 100,
      test: 50,
      width: 8,
      blocks: 20,
      epochs: 1,
      seeds: [1, 2],
    }),
  'recurrent-memory': () =>
    runRecurrentMemory(context, {
      ...recurrentMemorySettings(true),
      lengths: { adding: [10], copy: [5] },
      maxSteps: { adding: 40, copy: 20 },
      test: 50,
      seeds: [1, 2],
    }),
  cnn: () =>
    runCnn(context, { ...cnnSettings(true), train: 40, test: 40, channels: 2, epochs: 1, seeds: [1, 2] }),
  autoencoder: () =>
    runAutoencoder(context, {
      ...autoencoderSettings(true),
      train: 100,
      test: 50,
      widths: [32, 8, 32],
      epochs: 1,
      seeds: [1, 2],
    }),
  sparse: () =>
    runSparse(context, {
      ...sparseSettings(true),
      train: 200,
      test: 100,
      width: 16,
      densities: [0.5, 0.1],
      epochs: 1,
      seeds: [1, 2],
    }),
  lsuv: () => {
    const q = lsuvSettings(true);
    return runLsuv(context, {
      mlp: { ...q.mlp, train: 100, test: 50, width: 16, depth: 10, epochs: 1 },
      cnn: { ...q.cnn, train: 40, test: 40, channels: 2, epochs: 1 },
      lsuvBatch: 32,
      seeds: [1, 2],
    });
  },
  theory: () => {
    const q = theorySettings(true);
    return runTheory(context, {
      batch: 32,
      seeds: [1, 2],
      networks: q.networks.map((n) => ({ ...n, width: Math.min(n.width, 32), depth: Math.min(n.depth, 12) })),
    });
  },
};

/** The JSON document of a run without `meta` (times and machine), as the results files hold it. */
function reproducible(e: Experiment, r: ExperimentResult): string {
  const { meta: _meta, ...rest } = resultFile(e, r, true, 0);
  return toJson(rest);
}

describe('reproducibility', () => {
  const implemented = EXPERIMENTS.filter((e) => e.run !== undefined);

  it.each(implemented.map((e) => [e.name, e] as const))(
    '%s: two runs from the same seeds give the same document outside meta, figures included',
    async (_name, e) => {
      const run = REDUCED[e.name] ?? (() => (e.run as NonNullable<Experiment['run']>)(context));
      const first = reproducible(e, await run());
      const second = reproducible(e, await run());
      expect(second).toBe(first);
    },
  );

  it('the comparison sees a change of seeds', async () => {
    const e = EXPERIMENTS.find((x) => x.name === 'zero-constant') as Experiment;
    const tiny = { ...zeroConstantSettings(true), train: 300, test: 200, width: 16, epochs: 1 };
    const a = reproducible(e, await runZeroConstant(context, { ...tiny, seeds: [1, 2] }));
    const b = reproducible(e, await runZeroConstant(context, { ...tiny, seeds: [1, 3] }));
    expect(b).not.toBe(a);
  });
});
