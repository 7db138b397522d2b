import { describe, expect, it } from 'vitest';
import { randomMatrix } from '../test/random-matrix';
import { fromArray, matrix, transpose } from './matrix';
import { spectralNorm } from './spectral-norm';
import { svd } from './svd';

describe('spectralNorm', () => {
  it('matches the largest singular value to the stated tolerance', () => {
    for (const [m, n, seed] of [
      [30, 20, 1],
      [20, 30, 2],
      [64, 64, 3],
    ] as const) {
      const a = randomMatrix(m, n, seed);
      const exact = svd(a, { computeUV: false }).s[0] as number;
      const est = spectralNorm(a, { tolerance: 1e-12, maxIterations: 100000 });
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-14));
      expect(Math.abs(est - exact)).toBeLessThan(1e-6 * exact);
      expect(spectralNorm(transpose(a), { tolerance: 1e-12, maxIterations: 100000 })).toBeCloseTo(est, 5);
    }
  });

  it('meets its default tolerance on square Gaussian matrices (close top singular values)', () => {
    for (const [n, seed] of [
      [100, 11],
      [300, 12],
    ] as const) {
      const a = randomMatrix(n, n, seed, 'float32');
      const exact = svd(a, { computeUV: false }).s[0] as number;
      const est = spectralNorm(a);
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-14));
      expect((exact - est) / exact).toBeLessThan(1e-8);
    }
  });

  it('maxIterations bounds the work and still returns a lower bound', () => {
    const a = randomMatrix(200, 200, 13);
    const exact = svd(a, { computeUV: false }).s[0] as number;
    const rough = spectralNorm(a, { maxIterations: 3 });
    expect(rough).toBeGreaterThan(0.5 * exact);
    expect(rough).toBeLessThanOrEqual(exact * (1 + 1e-14));
    expect(spectralNorm(a, { maxIterations: 10 })).toBeGreaterThanOrEqual(rough);
  });

  it('diagonal, zero, empty and scaled matrices', () => {
    expect(
      spectralNorm(
        fromArray([
          [3, 0],
          [0, 4],
        ]),
      ),
    ).toBeCloseTo(4, 8);
    expect(spectralNorm(matrix(3, 2))).toBe(0);
    expect(spectralNorm(matrix(0, 2))).toBe(0);
    expect(
      spectralNorm(
        fromArray([
          [1e300, 0],
          [0, 2e300],
        ]),
      ),
    ).toBeCloseTo(2e300, -292);
    // The fixed start vector is (1, 1.618…) up to scale: this A maps it to exactly 0, so the
    // iteration restarts from A's largest row.
    const g = 1.6180339887498949;
    expect(spectralNorm(fromArray([[g, -1]]))).toBeCloseTo(Math.hypot(g, 1), 12);
  });

  it('validates options and rejects non-finite input', () => {
    const a = fromArray([[1]]);
    expect(() => spectralNorm(a, { tolerance: -1 })).toThrow(
      expect.objectContaining({ argument: 'tolerance' }),
    );
    expect(() => spectralNorm(a, { maxIterations: 0 })).toThrow(
      expect.objectContaining({ argument: 'maxIterations' }),
    );
    expect(() => spectralNorm(fromArray([[Number.NaN]]))).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE' }),
    );
  });
});
