import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { depthReluRun, depthReluSettings } from './depth-relu.ts';

describe('depth-relu at initialization', () => {
  it('He keeps the pre-activation std within a factor 2 over 20 layers; N(0, 0.01²) collapses by orders of magnitude', async () => {
    const { train } = await mnist(256, 10);
    const s = { ...depthReluSettings(true), width: 128 };
    const he = depthReluRun(train, 'he_normal', 20, 1, s, false);
    const small = depthReluRun(train, { name: 'random_small', std: 0.01 }, 20, 1, s, false);
    const ratio = (std: number[]) => (std.at(-2) as number) / (std[0] as number);
    expect(ratio(he.activationStd)).toBeGreaterThan(0.5);
    expect(ratio(he.activationStd)).toBeLessThan(2);
    expect(ratio(small.activationStd)).toBeLessThan(1e-10);
    expect(he.gradNorm).toHaveLength(20);
  });
});
