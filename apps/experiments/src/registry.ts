import type { Experiment } from './experiment.ts';
import { autoencoder } from './experiments/autoencoder.ts';
import { cnn } from './experiments/cnn.ts';
import { deepLinear } from './experiments/deep-linear.ts';
import { depthRelu } from './experiments/depth-relu.ts';
import { lsuv } from './experiments/lsuv.ts';
import { recurrentMemory } from './experiments/recurrent-memory.ts';
import { residual } from './experiments/residual.ts';
import { selu } from './experiments/selu.ts';
import { sparse } from './experiments/sparse.ts';
import { tanhSigmoid } from './experiments/tanh-sigmoid.ts';
import { theory } from './experiments/theory.ts';
import { zeroConstant } from './experiments/zero-constant.ts';

/** Every experiment of the suite in order; planned ones have no `run`. */
export const EXPERIMENTS: readonly Experiment[] = [
  zeroConstant,
  depthRelu,
  selu,
  deepLinear,
  tanhSigmoid,
  residual,
  recurrentMemory,
  cnn,
  autoencoder,
  sparse,
  lsuv,
  theory,
];
