import { describe, expect, it } from 'vitest';
import { type DecompositionCase, loadFixture } from '../test/fixtures';
import { maxDiff, randomMatrix } from '../test/random-matrix';
import { EPSILON_F32, EPSILON_F64 } from './float-input';
import { gemm } from './gemm';
import { fromArray, type Matrix, matrix } from './matrix';
import { orthogonalityError } from './orthogonality';
import { svd } from './svd';

const fixtures = loadFixture<{ cases: DecompositionCase[] }>('decompositions.json').cases;

function reconstruct(u: Matrix, s: Float64Array, v: Matrix): Matrix {
  const k = s.length;
  const us = matrix(u.rows, k);
  for (let i = 0; i < u.rows; i++) {
    for (let j = 0; j < k; j++) us.data[i * k + j] = (u.data[i * u.cols + j] as number) * (s[j] as number);
  }
  const out = matrix(u.rows, v.rows);
  gemm(1, us, v, 0, out, { transB: true });
  return out;
}

describe('svd', () => {
  it('diagonal example: values sorted, signs absorbed in the vectors', () => {
    const { s, u, v } = svd(
      fromArray([
        [3, 0],
        [0, -4],
      ]),
    );
    expect(Array.from(s)).toEqual([4, 3]);
    expect(
      maxDiff(
        reconstruct(u as Matrix, s, v as Matrix),
        fromArray([
          [3, 0],
          [0, -4],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });

  for (const dtype of ['float64', 'float32'] as const) {
    for (const [m, n] of [
      [1, 1],
      [1, 7],
      [7, 1],
      [8, 8],
      [45, 45],
      [90, 31],
      [31, 90],
      [64, 63],
      // Above the blocked-reduction crossover (96 columns): panels + GEMM trailing updates.
      [230, 161],
      [161, 230],
    ] as const) {
      it(`U S Vᵀ = A with orthonormal U, V: ${m}x${n} ${dtype}`, () => {
        const a = randomMatrix(m, n, 77 + m * 31 + n, dtype);
        const { s, u, v } = svd(a);
        const k = Math.min(m, n);
        const eps = dtype === 'float32' ? EPSILON_F32 : EPSILON_F64;
        expect(s.length).toBe(k);
        expect([u?.rows, u?.cols, v?.rows, v?.cols]).toEqual([m, k, n, k]);
        for (let i = 1; i < k; i++) expect(s[i] as number).toBeLessThanOrEqual(s[i - 1] as number);
        expect(s[k - 1] as number).toBeGreaterThanOrEqual(0);
        const size = Math.max(m, n);
        expect(orthogonalityError(u as Matrix)).toBeLessThanOrEqual(8 * size * eps);
        expect(orthogonalityError(v as Matrix)).toBeLessThanOrEqual(8 * size * eps);
        expect(maxDiff(reconstruct(u as Matrix, s, v as Matrix), a)).toBeLessThanOrEqual(
          8 * size * eps * (s[0] as number),
        );
        // Values alone equal the values computed with vectors (same float64 path up to rounding).
        const only = svd(a, { computeUV: false });
        expect(only.u).toBeUndefined();
        for (let i = 0; i < k; i++) {
          expect(Math.abs((only.s[i] as number) - (s[i] as number))).toBeLessThanOrEqual(
            1e-13 * (s[0] as number),
          );
        }
      });
    }
  }

  it('zero-size input gives empty results', () => {
    for (const [m, n] of [
      [0, 0],
      [0, 3],
      [3, 0],
    ] as const) {
      const { s, u, v } = svd(matrix(m, n));
      expect(s.length).toBe(0);
      expect([u?.rows, u?.cols, v?.rows, v?.cols]).toEqual([m, 0, n, 0]);
    }
  });

  it('zero and rank-deficient matrices give exact or tiny zeros, no NaN', () => {
    expect(Array.from(svd(matrix(4, 3)).s)).toEqual([0, 0, 0]);
    const a = randomMatrix(30, 30, 8);
    for (let i = 0; i < 30; i++)
      for (let j = 10; j < 30; j++) a.data[i * 30 + j] = a.data[i * 30 + (j % 10)] as number;
    const { s, u, v } = svd(a);
    expect(Array.from(s).every(Number.isFinite)).toBe(true);
    for (let i = 10; i < 30; i++) expect(s[i] as number).toBeLessThan(1e-13 * (s[0] as number));
    expect(orthogonalityError(u as Matrix)).toBeLessThan(1e-13);
    expect(orthogonalityError(v as Matrix)).toBeLessThan(1e-13);
    expect(maxDiff(reconstruct(u as Matrix, s, v as Matrix), a)).toBeLessThan(1e-13 * (s[0] as number));
  });

  it('handles huge and tiny scales without overflow', () => {
    for (const scale of [1e150, 1e-150]) {
      const a = randomMatrix(12, 9, 3);
      const ref = svd(a, { computeUV: false }).s;
      for (let i = 0; i < a.data.length; i++) a.data[i] = (a.data[i] as number) * scale;
      const { s } = svd(a, { computeUV: false });
      for (let i = 0; i < 9; i++)
        expect(Math.abs((s[i] as number) / scale - (ref[i] as number))).toBeLessThan(1e-13);
    }
  });

  it('rejects NaN and Infinity', () => {
    const a = randomMatrix(3, 2, 1);
    a.data[1] = Number.NaN;
    expect(() => svd(a)).toThrow(expect.objectContaining({ code: 'NOT_FINITE', argument: 'a' }));
    a.data[1] = Number.NEGATIVE_INFINITY;
    expect(() => svd(a, { computeUV: false })).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
  });

  describe('singular values against LAPACK (numpy) fixtures', () => {
    for (const c of fixtures) {
      it(`${c.name}`, () => {
        const { s } = svd(fromArray(c.a), { computeUV: false });
        const ref = c.s;
        expect(s.length).toBe(ref.length);
        const top = ref[0] as number;
        for (let i = 0; i < ref.length; i++) {
          const x = s[i] as number;
          const y = ref[i] as number;
          // 1e-10 relative to each value when it is well above rounding level (σ ≥ 1e-4 σ₁),
          // otherwise 1e-10 relative to σ₁: any backward-stable SVD determines tiny values only to eps·σ₁.
          const tol = y >= 1e-4 * top ? 1e-10 * y : 1e-10 * top;
          expect(Math.abs(x - y)).toBeLessThanOrEqual(tol);
        }
      });
    }
  });
});
