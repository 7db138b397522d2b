import { describe, expect, it } from 'vitest';
import { type DecompositionCase, loadFixture } from '../test/fixtures';
import { maxDiff, randomMatrix } from '../test/random-matrix';
import { EPSILON_F32, EPSILON_F64 } from './float-input';
import { gemm } from './gemm';
import { fromArray, type Matrix, matrix } from './matrix';
import { orthogonalityError } from './orthogonality';
import { qr } from './qr';
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

  describe('values only above 160 columns (two-stage: band reduction, then Givens chase)', () => {
    it('recovers a prescribed spectrum (cond 1e12) to the fixture tolerance', () => {
      const n = 200;
      const q1 = qr(randomMatrix(n, n, 1)).q as Matrix;
      const q2 = qr(randomMatrix(n, n, 2)).q as Matrix;
      const sigma = Array.from({ length: n }, (_, i) => 10 ** ((-12 * i) / (n - 1)));
      const qs = matrix(n, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++)
          qs.data[i * n + j] = (q1.data[i * n + j] as number) * (sigma[j] as number);
      }
      const a = matrix(n, n);
      gemm(1, qs, q2, 0, a, { transB: true });
      const { s } = svd(a, { computeUV: false });
      for (let i = 0; i < n; i++) {
        const y = sigma[i] as number;
        const tol = y >= 1e-4 ? 1e-10 * y : 1e-10;
        expect(Math.abs((s[i] as number) - y)).toBeLessThanOrEqual(tol);
      }
    });

    it('matches the one-stage values on tall, wide and odd sizes', () => {
      for (const [m, n] of [
        [400, 170],
        [170, 400],
        [193, 193],
      ] as const) {
        const a = randomMatrix(m, n, m + 2 * n);
        const two = svd(a, { computeUV: false }).s;
        const one = svd(a).s;
        for (let i = 0; i < Math.min(m, n); i++) {
          expect(Math.abs((two[i] as number) - (one[i] as number))).toBeLessThanOrEqual(
            1e-13 * (one[0] as number),
          );
        }
      }
    });

    it('zero, diagonal and rank-deficient matrices stay finite', () => {
      expect(Array.from(svd(matrix(180, 170), { computeUV: false }).s).every((v) => v === 0)).toBe(true);
      const d = matrix(170, 170);
      for (let i = 0; i < 170; i++) d.data[i * 170 + i] = i % 3 === 0 ? 0 : i;
      const sd = svd(d, { computeUV: false }).s;
      expect(sd[0]).toBe(169);
      expect(sd[169]).toBe(0);
      const a = randomMatrix(180, 180, 6);
      for (let i = 0; i < 180; i++)
        for (let j = 60; j < 180; j++) a.data[i * 180 + j] = a.data[i * 180 + (j % 60)] as number;
      const s = svd(a, { computeUV: false }).s;
      expect(Array.from(s).every(Number.isFinite)).toBe(true);
      for (let i = 60; i < 180; i++) expect(s[i] as number).toBeLessThan(1e-12 * (s[0] as number));
    });
  });

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

  it('tall matrices with vectors (QR first): zero and rank-deficient input', () => {
    const z = svd(matrix(40, 10));
    expect(Array.from(z.s).every((x) => x === 0)).toBe(true);
    expect(orthogonalityError(z.u as Matrix)).toBeLessThan(1e-15);
    const a = randomMatrix(80, 20, 21);
    for (let i = 0; i < 80; i++)
      for (let j = 5; j < 20; j++) a.data[i * 20 + j] = a.data[i * 20 + (j % 5)] as number;
    const { s, u, v } = svd(a);
    for (let i = 5; i < 20; i++) expect(s[i] as number).toBeLessThan(1e-13 * (s[0] as number));
    expect(orthogonalityError(u as Matrix)).toBeLessThan(1e-13);
    expect(orthogonalityError(v as Matrix)).toBeLessThan(1e-13);
    expect(maxDiff(reconstruct(u as Matrix, s, v as Matrix), a)).toBeLessThan(1e-13 * (s[0] as number));
  });

  it('handles huge and tiny scales without overflow', () => {
    for (const [m, n] of [
      [12, 9],
      [190, 170],
    ] as const) {
      for (const scale of [1e150, 1e-150]) {
        const a = randomMatrix(m, n, 3);
        const ref = svd(a, { computeUV: false }).s;
        for (let i = 0; i < a.data.length; i++) a.data[i] = (a.data[i] as number) * scale;
        const { s } = svd(a, { computeUV: false });
        for (let i = 0; i < n; i++) {
          expect(Math.abs((s[i] as number) / scale - (ref[i] as number))).toBeLessThan(
            1e-13 * (ref[0] as number),
          );
        }
      }
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
