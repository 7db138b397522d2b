import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { Flatten } from './flatten';
import { Model } from './model';

function values(n: number, seed: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(seed + 1.7 * i));
}

/** Parameter gradients after one backward pass with or without the input gradient. */
function grads(model: Model, x: Float32Array, batch: number, inputGrad: boolean): Float32Array[] {
  model.zeroGrad();
  const y = model.forward(x, batch, true);
  model.backward(values(y.length, 5), batch, inputGrad);
  return model.parameters().map((p) => Float32Array.from(p.grad));
}

describe('backward without the input gradient', () => {
  it('gives the same parameter gradients bit for bit (Flatten, Conv2D, Dense chain)', () => {
    const model = new Model(
      [new Flatten(), new Dense({ units: 6 }), new Activation({ name: 'relu' }), new Dense({ units: 3 })],
      { inputShape: [2, 5], init: { name: 'he_normal' }, seed: 2 },
    );
    const x = values(4 * 10, 1);
    expect(grads(model, x, 4, false)).toEqual(grads(model, x, 4, true));

    const cnn = new Model(
      [new Conv2D({ filters: 2, kernelSize: 3, padding: 1 }), new Flatten(), new Dense({ units: 3 })],
      { inputShape: [1, 4, 4], init: { name: 'he_normal' }, seed: 3 },
    );
    const xc = values(3 * 16, 2);
    expect(grads(cnn, xc, 3, false)).toEqual(grads(cnn, xc, 3, true));
  });

  it('still returns the input gradient by default', () => {
    const model = new Model([new Dense({ units: 2 })], {
      inputShape: [3],
      init: { name: 'he_normal' },
      seed: 1,
    });
    model.forward(values(3, 0), 1, true);
    const dx = model.backward(new Float32Array([1, -1]), 1);
    const w = model.parameters()[0]?.value as Float32Array;
    expect(Array.from(dx)).toEqual(
      [0, 1, 2].map((j) => Math.fround((w[j] as number) - (w[3 + j] as number))),
    );
  });
});
