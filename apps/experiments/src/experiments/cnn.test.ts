import { describe, expect, it } from 'vitest';
import { downsample2x, plainCnn } from '../cnn-model.ts';
import { trainRun } from '../train-run.ts';
import { type CNN_INITS, cnnData } from './cnn.ts';

describe('cnn', () => {
  it('averages 2×2 pixel blocks into 14×14 images', () => {
    const x = new Float32Array(784);
    x[0] = 4; // block (0, 0) gets 1
    x[28 * 27 + 27] = 8; // block (13, 13) gets 2
    const d = downsample2x({ x, y: new Int32Array([0]), shape: [1, 784], yShape: [1], classes: 10 });
    expect(d.shape).toEqual([1, 1, 14, 14]);
    expect(d.x[0]).toBe(1);
    expect(d.x[195]).toBe(2);
    expect(d.x.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('builds a plain CNN whose kernels follow the scheme and whose head is Xavier in every variant', () => {
    const m = plainCnn({
      convLayers: 10,
      channels: 4,
      init: { name: 'delta_orthogonal', gain: Math.SQRT2 },
      seed: 1,
    });
    const weights = m.parameters().filter((p) => p.localName === 'weight');
    expect(weights).toHaveLength(11);
    // Delta-orthogonal: only the centre tap of each 3×3 kernel is non-zero.
    const w = weights[3]?.value as Float32Array;
    for (let i = 0; i < w.length; i++) if (i % 9 !== 4) expect(w[i]).toBe(0);
    const head = (k: (typeof CNN_INITS)[string]) =>
      plainCnn({ convLayers: 10, channels: 4, init: k, seed: 1 })
        .parameters()
        .find((p) => p.name === '21.weight')?.value;
    expect(head('he_normal')).toEqual(head('xavier_normal'));
  });

  it('at init He keeps the signal through 10 conv layers while Xavier halves its variance at every layer', async () => {
    const { train, test } = await cnnData({ train: 128, test: 10 });
    const budget = { epochs: 1, batchSize: 64, lr: 0, momentum: 0 };
    const he = trainRun(
      plainCnn({ convLayers: 10, channels: 8, init: 'he_normal', seed: 1 }),
      train,
      test,
      1,
      budget,
    );
    const xavier = trainRun(
      plainCnn({ convLayers: 10, channels: 8, init: 'xavier_normal', seed: 1 }),
      train,
      test,
      1,
      budget,
    );
    expect(he.activationStd).toHaveLength(11);
    const fall = (r: typeof he) => (r.activationStd[9] as number) / (r.activationStd[0] as number);
    expect(fall(he)).toBeGreaterThan(0.1);
    // 9 halvings of the variance: the std falls by 2^(9/2) ≈ 23 against He.
    expect(fall(xavier) / fall(he)).toBeLessThan(1 / 8);
  });
});
