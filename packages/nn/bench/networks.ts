// The benchmarked networks, built the same way in every @init/nn benchmark process.
import { Activation } from '../src/activation';
import { Conv2D } from '../src/conv2d';
import { Dense } from '../src/dense';
import { Flatten } from '../src/flatten';
import type { Layer } from '../src/layer';
import { Model } from '../src/model';
import { MaxPool2D } from '../src/pool2d';

/** Benchmarked network kinds. */
export type NetworkKind = 'mlp' | 'cnn';

const relu = (): Layer => new Activation({ name: 'relu' });

/**
 * `mlp`: 784-256-128-10 with ReLU. `cnn` (LeNet-style): conv 6@5x5 (padding 2), ReLU, max pool 2,
 * conv 16@5x5, ReLU, max pool 2, dense 120, ReLU, dense 84, ReLU, dense 10. He normal weights
 * (fan in, ReLU gain), zero biases, seed 0.
 */
export function network(kind: NetworkKind): Model {
  const init = { name: 'he_normal' } as const;
  if (kind === 'mlp') {
    return new Model(
      [new Dense({ units: 256 }), relu(), new Dense({ units: 128 }), relu(), new Dense({ units: 10 })],
      {
        inputShape: [784],
        init,
        seed: 0,
      },
    );
  }
  return new Model(
    [
      new Conv2D({ filters: 6, kernelSize: 5, padding: 2 }),
      relu(),
      new MaxPool2D({ kernelSize: 2 }),
      new Conv2D({ filters: 16, kernelSize: 5 }),
      relu(),
      new MaxPool2D({ kernelSize: 2 }),
      new Flatten(),
      new Dense({ units: 120 }),
      relu(),
      new Dense({ units: 84 }),
      relu(),
      new Dense({ units: 10 }),
    ],
    { inputShape: [1, 28, 28], init, seed: 0 },
  );
}
