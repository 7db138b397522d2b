import type { Experiment } from './experiment.ts';
import { cnn } from './experiments/cnn.ts';
import { deepLinear } from './experiments/deep-linear.ts';
import { depthRelu } from './experiments/depth-relu.ts';
import { lsuv } from './experiments/lsuv.ts';
import { recurrentMemory } from './experiments/recurrent-memory.ts';
import { residual } from './experiments/residual.ts';
import { selu } from './experiments/selu.ts';
import { tanhSigmoid } from './experiments/tanh-sigmoid.ts';
import { theory } from './experiments/theory.ts';
import { zeroConstant } from './experiments/zero-constant.ts';

const planned = (number: number, name: string, description: string): Experiment => ({
  name,
  number,
  description: `${description} [not yet implemented]`,
  claim: description,
  source: 'see the suite plan',
});

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
  planned(9, 'autoencoder', 'sigmoid-decoder autoencoder on MNIST: Xavier vs He'),
  planned(
    10,
    'sparse',
    'accuracy and memory against the fraction of non-zero weights, both sparse semantics',
  ),
  lsuv,
  theory,
];
