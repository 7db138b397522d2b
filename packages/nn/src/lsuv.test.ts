import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { BatchNorm } from './batch-norm';
import { Dense } from './dense';
import { NnError } from './errors';
import { lsuv } from './lsuv';
import { Model } from './model';
import { spirals } from './synthetic-spirals';

describe('LSUV', () => {
  it('brings every weight layer output to unit variance within 0.02, skipping norm and activation layers', () => {
    const model = new Model(
      [
        new Dense({ units: 64 }),
        new Activation({ name: 'tanh' }),
        new Dense({ units: 64 }),
        new BatchNorm(),
        new Activation({ name: 'relu' }),
        new Dense({ units: 2 }),
      ],
      { inputShape: [2], init: { name: 'normal', std: 3 }, seed: 1 },
    );
    const data = spirals({ n: 256, rng: 2 });
    const r = lsuv(model, data, { rng: 5 });
    expect(r.map((l) => l.layer)).toEqual(['0', '2', '5']);
    for (const l of r) {
      expect(l.converged, l.layer).toBe(true);
      expect(Math.abs(l.variance - 1)).toBeLessThan(0.02);
      expect(l.iterations).toBeLessThanOrEqual(20);
    }
    expect(Array.from(model.parameters()[1]?.value ?? [])).toEqual(new Array(64).fill(0)); // biases zeroed
    expect(Array.from(model.buffers()[0]?.value ?? [])).toEqual(new Array(64).fill(0)); // running mean untouched
  });

  it('rejects bad options', () => {
    const model = new Model([new Dense({ units: 2 })], { inputShape: [2] });
    const data = spirals({ n: 8, rng: 2 });
    expect(() => lsuv(model, data, { tolerence: 0.1 } as never)).toThrow(/did you mean 'tolerance'/);
    expect(() => lsuv(model, data, { maxIterations: 0 })).toThrow(NnError);
  });
});
