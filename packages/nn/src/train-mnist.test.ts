import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { evaluate, fit } from './fit';
import { Flatten } from './flatten';
import { loadMnist } from './mnist-node';
import { Model } from './model';
import { MaxPool2D } from './pool2d';

describe('training on a deterministic MNIST subset', () => {
  it('an MLP reaches 90% test accuracy on 1000 test digits after 3 epochs on 3000 training digits', async () => {
    const { train, test } = await loadMnist({
      subset: { size: 3000, rng: 1 },
      testSubset: { size: 1000, rng: 2 },
      scaling: 'standardize',
    });
    const model = new Model(
      [new Dense({ units: 128 }), new Activation({ name: 'relu' }), new Dense({ units: 10 })],
      { inputShape: [784], init: 'auto', seed: 0 },
    );
    const result = fit(model, train, {
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 },
      epochs: 3,
      batchSize: 64,
      seed: 0,
      validation: test,
    });
    expect(result.status).toBe('completed');
    const acc = evaluate(model, test).accuracy ?? 0;
    expect(acc).toBeGreaterThan(0.9);
  }, 60_000);

  it('a small CNN (conv, ReLU, max pool) trains too: 85% test accuracy after 1 epoch on 2000 digits', async () => {
    const { train, test } = await loadMnist({
      subset: { size: 2000, rng: 3 },
      testSubset: { size: 500, rng: 4 },
      scaling: 'standardize',
      flatten: false,
    });
    const model = new Model(
      [
        new Conv2D({ filters: 8, kernelSize: 5 }),
        new Activation({ name: 'relu' }),
        new MaxPool2D({ kernelSize: 2 }),
        new Flatten(),
        new Dense({ units: 10 }),
      ],
      { inputShape: [1, 28, 28], init: 'auto', seed: 0 },
    );
    fit(model, train, { optimizer: { kind: 'adam', lr: 0.003 }, epochs: 1, batchSize: 32, seed: 0 });
    const acc = evaluate(model, test).accuracy ?? 0;
    expect(acc).toBeGreaterThan(0.85);
  }, 60_000);
});
