import { describe, expect, it } from 'vitest';
import { silentProgress } from '../progress.ts';
import { maxUnitDifference, runZeroConstant, unitSpread } from './zero-constant.ts';

const TINY = {
  train: 400,
  test: 200,
  width: 16,
  hiddenLayers: 2,
  epochs: 1,
  batchSize: 50,
  lr: 0.001,
  seeds: [1, 2],
};

describe('zero-constant', () => {
  it('measures the spread between units', () => {
    const same = new Float32Array([1, 2, 1, 2, 1, 2]);
    expect(maxUnitDifference(same, 3)).toBe(0);
    expect(unitSpread(same, 3)).toBe(0);
    const differ = new Float32Array([0, 0, 2, 0]);
    expect(maxUnitDifference(differ, 2)).toBe(2);
    expect(unitSpread(differ, 2)).toBe(0.5); // column 0 has std 1, column 1 has 0
  });

  it('zero and constant init keep hidden units identical; zero stays at chance; He spreads the units', async () => {
    const r = await runZeroConstant({ quick: true, progress: silentProgress }, TINY);
    const s = r.data.summary as Record<
      string,
      { maxDiff: { max: number }; spread0: { min: number }; accuracy: { mean: number } }
    >;
    expect(s.zeros?.maxDiff.max).toBe(0);
    expect(s['constant 0.01']?.maxDiff.max).toBeLessThanOrEqual(1e-6);
    expect(s.he_normal?.spread0.min).toBeGreaterThan(1e-2);
    expect(s.zeros?.accuracy.mean).toBeLessThanOrEqual(0.15);
    expect(Object.keys(r.figures)).toEqual(['accuracy', 'loss']);
    // Same seeds, same numbers.
    const again = await runZeroConstant({ quick: true, progress: silentProgress }, TINY);
    expect(JSON.stringify(again.data)).toBe(JSON.stringify(r.data));
  });
});
