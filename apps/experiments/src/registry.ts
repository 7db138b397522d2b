import type { Experiment } from './experiment.ts';
import { deepLinear } from './experiments/deep-linear.ts';
import { depthRelu } from './experiments/depth-relu.ts';
import { recurrentMemory } from './experiments/recurrent-memory.ts';
import { residual } from './experiments/residual.ts';
import { selu } from './experiments/selu.ts';
import { tanhSigmoid } from './experiments/tanh-sigmoid.ts';
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
  planned(
    3,
    'tanh-sigmoid',
    'Xavier vs He vs small random in tanh/sigmoid nets; saturation per layer over training',
  ),
  recurrentMemory,
  planned(7, 'cnn', 'plain 10+ layer CNN on MNIST: He vs Xavier vs orthogonal vs delta-orthogonal'),
  planned(9, 'autoencoder', 'sigmoid-decoder autoencoder on MNIST: Xavier vs He'),
  planned(
    10,
    'sparse',
    'accuracy and memory against the fraction of non-zero weights, both sparse semantics',
  ),
  planned(11, 'lsuv', 'LSUV against the analytic schemes on the depth and CNN experiments'),
  planned(12, 'theory', "@init/advisor's mean-field prediction against measured per-layer variance"),
];
