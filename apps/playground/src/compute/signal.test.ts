import { describe, expect, it } from 'vitest';
import { runSignal, type SignalParams } from './signal';

const base: SignalParams = {
  activation: 'relu',
  scheme: { name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' },
  depth: 20,
  width: 128,
  biasStd: 0,
  input: 'normal',
  batch: 64,
  seed: 1,
};

describe('runSignal', () => {
  // At width 128 the log-variance drifts like a random walk of step ~1/width: a factor 2 over 20 layers is the margin.
  it('keeps the ReLU signal under He init, as the mean field predicts', async () => {
    const r = await runSignal(base);
    expect(r.measuredDepth).toBe(20);
    expect(r.prediction?.verdict).toBe('healthy');
    for (let l = 0; l < 20; l++) {
      const ratio = (r.preRms[l] as number) / (r.prediction?.preRms[l] as number);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    }
    expect(r.heat.length).toBe(20 * r.bins);
    expect(r.gradRatio[18]).toBeCloseTo(1, 10);
  });

  it('shows the vanishing signal of ReLU with Xavier gain 1 by depth', async () => {
    const r = await runSignal({ ...base, scheme: { name: 'xavier_normal', gain: 1 } });
    expect(r.prediction?.verdict).toBe('vanishing');
    expect((r.preRms[19] as number) / (r.preRms[0] as number)).toBeLessThan(0.01);
  });

  it('stops measuring, without throwing, when the values overflow float32', async () => {
    const r = await runSignal({
      ...base,
      scheme: { name: 'normal', std: 1 },
      activation: 'linear',
      depth: 60,
    });
    expect(r.overflowAt).not.toBeNull();
    expect(r.measuredDepth).toBeLessThan(60);
    expect(r.prediction?.verdict).toBe('exploding');
  });

  it('reports a prediction error instead of failing for zeros', async () => {
    const r = await runSignal({ ...base, scheme: { name: 'zeros' } });
    expect(r.prediction).toBeNull();
    expect(r.predictionError).toBeTypeOf('string');
    expect(r.preRms.every((v) => v === 0)).toBe(true);
  });

  it('refuses settings beyond its memory budget with a message naming them', async () => {
    await expect(runSignal({ ...base, depth: 200, width: 1024 })).rejects.toThrow(
      'lower the depth or the width',
    );
    await expect(runSignal({ ...base, depth: 200, width: 256, batch: 256 })).rejects.toThrow(
      'lower the batch',
    );
  });

  it('is reproducible from the seed', async () => {
    const a = await runSignal({ ...base, depth: 5 });
    const b = await runSignal({ ...base, depth: 5 });
    const c = await runSignal({ ...base, depth: 5, seed: 2 });
    expect(a.preRms).toEqual(b.preRms);
    expect(a.preRms).not.toEqual(c.preRms);
  });
});

describe('prediction', () => {
  it('is kept across seed and input changes and made again when its inputs change', async () => {
    const a = await runSignal({ ...base, depth: 5 });
    const b = await runSignal({ ...base, depth: 5, seed: 9, input: 'sign' });
    const c = await runSignal({ ...base, depth: 6, seed: 9 });
    const d = await runSignal({ ...base, depth: 6, seed: 9, biasStd: 0.3 });
    expect(a.prediction).not.toBeNull();
    expect(b.prediction).toBe(a.prediction);
    expect(c.prediction).not.toBe(a.prediction);
    expect(c.prediction?.preRms).toHaveLength(6);
    expect(d.prediction?.preRms).not.toEqual(c.prediction?.preRms);
  });
});

describe('WeightCache', () => {
  it('gives the same result as fresh weights, and reuses them across non-weight changes', async () => {
    const { WeightCache } = await import('./weight-cache');
    const cache = new WeightCache();
    const a = await runSignal({ ...base, depth: 6 }, cache);
    const b = await runSignal({ ...base, depth: 8, activation: 'tanh' }, cache);
    const c = await runSignal({ ...base, depth: 8, activation: 'tanh' });
    expect(b.preRms).toEqual(c.preRms);
    expect((await runSignal({ ...base, depth: 6 }, cache)).preRms).toEqual(a.preRms);
    const first = cache.get(base.scheme, base.width, base.seed, 8).entries;
    expect(first.every((e) => e !== undefined && !(e instanceof Promise))).toBe(true);
    expect(cache.get(base.scheme, base.width, base.seed, 5).entries[0]).toBe(first[0]);
    expect(cache.get(base.scheme, base.width, base.seed + 1, 5).entries[0]).toBeUndefined();
  });
});
