import { describe, expect, it } from 'vitest';
import { silentProgress } from '../progress.ts';
import { spreadBound } from '../spread.ts';
import { maxUnitDifference, runZeroConstant, unitSpread, zeroConstantSettings } from './zero-constant.ts';

/**
 * Per-seed numbers of the quick run (`pnpm experiments zero-constant --quick`, seeds 1, 2, 3; 784-32x2-10,
 * 2 epochs of Adam on 1000 digits). The test below reruns exactly that setting and checks the claim against
 * thresholds derived from this spread: the mean over the 3 seeds must stay within 4 standard errors
 * (k = 4, std/√3) of the reference on the side the claim needs, and the two sides must not overlap.
 */
const QUICK = {
  zerosAccuracy: [0.114, 0.114, 0.114], // std 0: zero init always predicts one class
  constantAccuracy: [0.16, 0.198, 0.18],
  heAccuracy: [0.702, 0.44, 0.71],
  heSpread0: [0.050181, 0.049925, 0.050435],
};
const K = 4;

type Summary = Record<
  string,
  { maxDiff: { max: number }; spread0: { min: number; mean: number }; accuracy: { mean: number } }
>;

describe('zero-constant', () => {
  it('measures the spread between units', () => {
    const same = new Float32Array([1, 2, 1, 2, 1, 2]);
    expect(maxUnitDifference(same, 3)).toBe(0);
    expect(unitSpread(same, 3)).toBe(0);
    const differ = new Float32Array([0, 0, 2, 0]);
    expect(maxUnitDifference(differ, 2)).toBe(2);
    expect(unitSpread(differ, 2)).toBe(0.5); // column 0 has std 1, column 1 has 0
  });

  it('quick run: zero and constant init keep hidden units identical, zero stays at chance, constant below He', async () => {
    const r = await runZeroConstant({ quick: true, progress: silentProgress }, zeroConstantSettings(true));
    const s = r.data.summary as Summary;
    const of = 3;
    // Symmetry: the quick run's spread is exactly 0 on every seed, so any float noise above 1e-6 fails.
    expect(s.zeros?.maxDiff.max).toBe(0);
    expect(s['constant 0.01']?.maxDiff.max).toBeLessThanOrEqual(1e-6);
    // He breaks the symmetry: spread of layer 0 at least mean − 4·std/√3 of the reference (0.0496).
    expect(s.he_normal?.spread0.mean).toBeGreaterThanOrEqual(
      spreadBound(QUICK.heSpread0, { side: 'lower', k: K, of }),
    );
    // Zero init near chance: the reference has no spread, so the bound is the rule's chance bound 0.15.
    expect(s.zeros?.accuracy.mean).toBeLessThanOrEqual(0.15);
    // Constant init limited, He learning: upper bound of constant (0.223) below the lower bound of He (0.263).
    const constantUpper = spreadBound(QUICK.constantAccuracy, { side: 'upper', k: K, of });
    const heLower = spreadBound(QUICK.heAccuracy, { side: 'lower', k: K, of });
    expect(constantUpper).toBeLessThan(heLower);
    expect(s['constant 0.01']?.accuracy.mean).toBeLessThanOrEqual(constantUpper);
    expect(s.he_normal?.accuracy.mean).toBeGreaterThanOrEqual(heLower);
    expect(Object.keys(r.figures)).toEqual(['accuracy', 'loss']);
  });
});
