import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { spreadBound } from '../spread.ts';
import { seluLayerMoments, seluSettings } from './selu.ts';

/**
 * Per-seed numbers of the quick run (`pnpm experiments selu --quick`: width 128, batch 128 standardized digits,
 * depth 32, seeds 1, 2, 3). The test reruns that setting at depth 32 and checks each seed against thresholds
 * derived from this spread, k = 4 standard deviations on the side the claim needs (log10 for He, whose
 * variance spreads over orders of magnitude); the LeCun band and the other schemes' bounds must not overlap.
 */
const QUICK = {
  lecunMaxAbsMean: [0.136, 0.0895, 0.1051],
  lecunMaxAbsVarMinus1: [0.0963, 0.1535, 0.1045],
  heLastVariance: [378.77, 251.66, 44.762],
  threeQuartersLastVariance: [0.0396, 0.048, 0.03],
};
const K = 4;

describe('selu at initialization', () => {
  it('quick run: LeCun normal stays near (0, 1) over 32 layers; He grows the variance, gain 3/4 shrinks it', async () => {
    const s = seluSettings(true);
    const { train } = await mnist(s.batch, 100, 'standardize');
    const x = train.x.subarray(0, s.batch * 784);
    const meanBound = spreadBound(QUICK.lecunMaxAbsMean, { side: 'upper', k: K }); // 0.207
    const varBound = spreadBound(QUICK.lecunMaxAbsVarMinus1, { side: 'upper', k: K }); // 0.243
    const heLower = spreadBound(QUICK.heLastVariance, { side: 'lower', k: K, log: true }); // 1.74: 10^(mean − 4σ) of log10
    const quarterUpper = spreadBound(QUICK.threeQuartersLastVariance, { side: 'upper', k: K }); // 0.075
    // The two sides stay apart: He's lower bound and gain 3/4's upper bound lie outside LeCun's band around 1.
    expect(quarterUpper).toBeLessThan(1 - varBound);
    for (const seed of s.seeds) {
      const lecun = seluLayerMoments(x, s.batch, s.width, 32, 'lecun_normal', seed);
      expect(lecun.mean).toHaveLength(32);
      expect(Math.max(...lecun.mean.map(Math.abs))).toBeLessThanOrEqual(meanBound);
      expect(Math.max(...lecun.variance.map((v) => Math.abs(v - 1)))).toBeLessThanOrEqual(varBound);
      const he = seluLayerMoments(x, s.batch, s.width, 32, 'he_normal', seed);
      expect(he.variance.at(-1)).toBeGreaterThanOrEqual(Math.max(heLower, 1 + varBound));
      const quarter = seluLayerMoments(
        x,
        s.batch,
        s.width,
        32,
        { name: 'he_normal', nonlinearity: 'selu' },
        seed,
      );
      expect(quarter.variance.at(-1)).toBeLessThanOrEqual(quarterUpper);
    }
  });
});
