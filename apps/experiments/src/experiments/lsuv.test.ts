import { lsuv } from '@init/nn';
import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { mlp } from '../mlp.ts';

describe('lsuv', () => {
  it('rescales every layer of a depth-20 ReLU MLP to unit output variance, where N(0, 0.01²) weights vanish', async () => {
    const { train } = await mnist(128, 10);
    const model = mlp({
      inputs: 784,
      width: 32,
      depth: 20,
      outputs: 10,
      activation: 'relu',
      init: { name: 'random_small', std: 0.01 },
      seed: 1,
    });
    const layers = lsuv(model, train, { batch: 128, rng: 1 });
    expect(layers).toHaveLength(20);
    for (const l of layers) {
      expect(l.converged).toBe(true);
      expect(Math.abs(l.variance - 1)).toBeLessThan(0.02);
    }
  });
});
