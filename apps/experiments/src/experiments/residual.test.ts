import { fit } from '@init/nn';
import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { residualMlp } from './residual.ts';

describe('residual', () => {
  it('100 blocks under default He blow up at init and in training; Fixup and zero gates start as the identity and train', async () => {
    const { train } = await mnist(200, 10);
    const logitStd = (m: ReturnType<typeof residualMlp>) => {
      const out = m.forward(train.x.subarray(0, 50 * 784), 50);
      let ss = 0;
      for (const v of out) ss += v * v;
      return Math.sqrt(ss / out.length);
    };
    const he = residualMlp('he', 16, 100, 1);
    expect(logitStd(he)).toBeGreaterThan(1e10);
    const heRun = fit(he, train, {
      optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
      epochs: 1,
      batchSize: 50,
      seed: 1,
    });
    expect(heRun.status).toBe('non_finite');
    for (const start of ['fixup', 'zero gate'] as const) {
      const m = residualMlp(start, 16, 100, 1);
      expect(logitStd(m)).toBeLessThan(10);
      const r = fit(m, train, {
        optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
        epochs: 2,
        batchSize: 50,
        seed: 1,
      });
      expect(r.status).toBe('completed');
      expect(r.epochs.at(-1)?.loss).toBeLessThan(r.epochs[0]?.loss as number);
    }
  });
});
