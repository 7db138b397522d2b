import { describe, expect, it } from 'vitest';
import { simulateStack } from './signal';

const spec = { width: 64, depth: 12, batch: 16, seed: 1 };

describe('simulateStack', () => {
  it('keeps the variance of a ReLU stack under He and loses it under small random weights', () => {
    const he = simulateStack({ ...spec, activation: 'relu', scheme: { name: 'he_normal' } }).preStd;
    const small = simulateStack({ ...spec, activation: 'relu', scheme: { name: 'random_small' } }).preStd;
    expect((he.at(-1) ?? 0) / (he[0] ?? 1)).toBeGreaterThan(0.3);
    expect((he.at(-1) ?? 0) / (he[0] ?? 1)).toBeLessThan(3);
    expect((small.at(-1) ?? 1) / (small[0] ?? 1)).toBeLessThan(1e-6);
  });

  it('a constant init leaves every unit identical; a random one does not', () => {
    const constant = simulateStack({
      ...spec,
      activation: 'tanh',
      scheme: { name: 'constant', value: 0.05 },
    });
    const xavier = simulateStack({ ...spec, activation: 'tanh', scheme: { name: 'xavier_uniform' } });
    expect(Math.max(...constant.unitSpread)).toBe(0);
    expect(Math.min(...xavier.unitSpread)).toBeGreaterThan(0);
  });

  it('is reproducible from its seed', () => {
    const a = simulateStack({ ...spec, activation: 'gelu', scheme: { name: 'orthogonal' } });
    const b = simulateStack({ ...spec, activation: 'gelu', scheme: { name: 'orthogonal' } });
    expect(a).toEqual(b);
  });
});
