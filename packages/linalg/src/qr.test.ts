import { describe, expect, it } from 'vitest';
import { type DecompositionCase, loadFixture } from '../test/fixtures';
import { maxDiff, randomMatrix } from '../test/random-matrix';
import { LinalgError } from './errors';
import { EPSILON_F32, EPSILON_F64 } from './float-input';
import { gemm } from './gemm';
import { type Dtype, fromArray, type Matrix, matrix, transpose } from './matrix';
import { orthogonalityError } from './orthogonality';
import { qr } from './qr';

const fixtures = loadFixture<{ cases: DecompositionCase[] }>('decompositions.json').cases;

function product(a: Matrix, b: Matrix): Matrix {
  const c = matrix(a.rows, b.cols);
  gemm(1, a, b, 0, c);
  return c;
}

function maxLower(r: Matrix): number {
  let worst = 0;
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < Math.min(i, r.cols); j++)
      worst = Math.max(worst, Math.abs(r.data[i * r.cols + j] as number));
  }
  return worst;
}

function checkFactorization(a: Matrix, mode: 'reduced' | 'complete', blockSize?: number): void {
  const { q, r } = qr(a, { mode, blockSize });
  const m = a.rows;
  const n = a.cols;
  const k = Math.min(m, n);
  const dtype: Dtype = a.data instanceof Float32Array ? 'float32' : 'float64';
  const eps = dtype === 'float32' ? EPSILON_F32 : EPSILON_F64;
  expect(q).toBeDefined();
  const qq = q as Matrix;
  expect([qq.rows, qq.cols]).toEqual([m, mode === 'complete' ? m : k]);
  expect([r.rows, r.cols]).toEqual([mode === 'complete' ? m : k, n]);
  expect(qq.data instanceof (dtype === 'float32' ? Float32Array : Float64Array)).toBe(true);
  expect(r.data instanceof (dtype === 'float32' ? Float32Array : Float64Array)).toBe(true);
  const size = Math.max(m, n, 1);
  expect(orthogonalityError(qq)).toBeLessThanOrEqual(4 * size * eps);
  expect(maxLower(r)).toBe(0);
  let scale = 0;
  for (let i = 0; i < a.data.length; i++) scale = Math.max(scale, Math.abs(a.data[i] as number));
  expect(maxDiff(product(qq, r), a)).toBeLessThanOrEqual(4 * size * eps * Math.max(scale, 1));
}

describe('qr', () => {
  it('factors a small example with the LAPACK sign convention', () => {
    const { q, r } = qr(
      fromArray([
        [3, 1],
        [4, 2],
      ]),
    );
    expect(r.data[0]).toBeCloseTo(-5, 14);
    expect(r.data[1]).toBeCloseTo(-2.2, 14);
    expect(r.data[2]).toBe(0);
    expect(r.data[3]).toBeCloseTo(0.4, 14);
    expect(orthogonalityError(q as Matrix)).toBeLessThan(1e-15);
  });

  for (const dtype of ['float64', 'float32'] as const) {
    for (const [m, n] of [
      [1, 1],
      [7, 7],
      [40, 40],
      [97, 97],
      [130, 33],
      [33, 130],
      [64, 1],
      [1, 64],
      [100, 99],
    ] as const) {
      it(`QᵀQ = I, QR = A, R upper triangular: ${m}x${n} ${dtype}`, () => {
        const a = randomMatrix(m, n, m * 1000 + n, dtype);
        checkFactorization(a, 'reduced');
        checkFactorization(a, 'complete');
      });
    }
  }

  it("precision 'float32' keeps Q orthogonal to 1e-6 and QR = A to float32 rounding", () => {
    for (const [m, n] of [
      [300, 300],
      [257, 70],
      [70, 257],
    ] as const) {
      const a = randomMatrix(m, n, m + n, 'float32');
      const { q, r } = qr(a, { precision: 'float32' });
      expect(q?.data).toBeInstanceOf(Float32Array);
      expect(orthogonalityError(q as Matrix)).toBeLessThan(1e-6);
      expect(maxLower(r)).toBe(0);
      expect(maxDiff(product(q as Matrix, r), a)).toBeLessThan(Math.max(m, n) * EPSILON_F32 * 8);
      const f64 = qr(randomMatrix(m, n, m + n), { precision: 'float32', mode: 'complete' });
      expect(f64.q?.data).toBeInstanceOf(Float64Array);
      expect(orthogonalityError(f64.q as Matrix)).toBeLessThan(1e-6);
    }
    // biome-ignore lint/suspicious/noExplicitAny: testing a JavaScript caller
    expect(() => qr(randomMatrix(2, 2, 1), { precision: 'half' as any })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'precision' }),
    );
  });

  it('block size does not change the result beyond rounding', () => {
    const a = randomMatrix(75, 61, 5);
    const ref = qr(a, { blockSize: 1 });
    for (const nb of [3, 16, 32, 64, 100]) {
      const got = qr(a, { blockSize: nb });
      expect(maxDiff(got.r, ref.r)).toBeLessThan(1e-13);
      expect(maxDiff(got.q as Matrix, ref.q as Matrix)).toBeLessThan(1e-13);
      checkFactorization(a, 'complete', nb);
    }
  });

  it('accepts strided views (a transpose) and gives the same R as a copy', () => {
    const a = randomMatrix(20, 30, 9);
    const t = transpose(a);
    const viaView = qr(t);
    const copy = matrix(30, 20);
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 20; j++) copy.data[i * 20 + j] = a.data[j * 30 + i] as number;
    expect(maxDiff(viaView.r, qr(copy).r)).toBe(0);
  });

  it("mode 'r' returns only R, equal to the reduced R", () => {
    const a = randomMatrix(30, 12, 3);
    const only = qr(a, { mode: 'r' });
    expect(only.q).toBeUndefined();
    expect(maxDiff(only.r, qr(a).r)).toBe(0);
  });

  it('rank-deficient and zero input give finite factors', () => {
    const zero = matrix(6, 4);
    const z = qr(zero, { mode: 'complete' });
    expect(Array.from(z.r.data).every((v) => v === 0)).toBe(true);
    expect(orthogonalityError(z.q as Matrix)).toBe(0);
    const a = randomMatrix(50, 50, 4);
    for (let i = 0; i < 50; i++)
      for (let j = 25; j < 50; j++) a.data[i * 50 + j] = a.data[i * 50 + j - 25] as number;
    for (let i = 0; i < 50; i++) a.data[i * 50 + 10] = 0;
    const { q, r } = qr(a);
    expect(Array.from((q as Matrix).data).every(Number.isFinite)).toBe(true);
    expect(Array.from(r.data).every(Number.isFinite)).toBe(true);
    checkFactorization(a, 'reduced');
  });

  it('zero-size matrices give empty factors of the right shapes', () => {
    for (const [m, n] of [
      [0, 0],
      [0, 5],
      [5, 0],
    ] as const) {
      const red = qr(matrix(m, n));
      expect([red.q?.rows, red.q?.cols, red.r.rows, red.r.cols]).toEqual([
        m,
        Math.min(m, n),
        Math.min(m, n),
        n,
      ]);
      const full = qr(matrix(m, n), { mode: 'complete' });
      expect([full.q?.rows, full.q?.cols, full.r.rows, full.r.cols]).toEqual([m, m, m, n]);
    }
    // 5 x 0 complete: Q is the 5 x 5 identity.
    expect(orthogonalityError(qr(matrix(5, 0), { mode: 'complete' }).q as Matrix)).toBe(0);
  });

  it('rejects NaN, Infinity, bad modes and bad block sizes with LinalgError', () => {
    const a = randomMatrix(3, 3, 1);
    a.data[4] = Number.NaN;
    expect(() => qr(a)).toThrow(expect.objectContaining({ code: 'NOT_FINITE', argument: 'a' }));
    a.data[4] = Number.POSITIVE_INFINITY;
    expect(() => qr(a)).toThrow(LinalgError);
    const b = randomMatrix(3, 3, 1);
    // biome-ignore lint/suspicious/noExplicitAny: testing a JavaScript caller
    expect(() => qr(b, { mode: 'full' as any })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'mode' }),
    );
    expect(() => qr(b, { blockSize: 0 })).toThrow(expect.objectContaining({ argument: 'blockSize' }));
    expect(qr(b, { blockSize: 1e9 }).r.rows).toBe(3);
  });

  describe('against LAPACK (numpy) fixtures', () => {
    for (const c of fixtures) {
      it(`${c.name}: |R| matches, QR = A`, () => {
        const a = fromArray(c.a);
        const { q, r } = qr(a);
        const ref = fromArray(c.r);
        const m = a.rows;
        const n = a.cols;
        let scale = 0;
        for (const row of c.a) for (const v of row) scale = Math.max(scale, Math.abs(v));
        expect(maxDiff(product(q as Matrix, r), a)).toBeLessThanOrEqual(
          8 * Math.max(m, n) * EPSILON_F64 * scale,
        );
        expect(orthogonalityError(q as Matrix)).toBeLessThanOrEqual(8 * Math.max(m, n) * EPSILON_F64);
        // Rows of R agree with LAPACK up to sign while the leading columns are independent.
        const k = Math.min(c.rank, r.rows);
        for (let i = 0; i < k; i++) {
          const sign = Math.sign(r.data[i * n + i] as number) * Math.sign(ref.data[i * n + i] as number);
          for (let j = i; j < n; j++) {
            const x = sign * (r.data[i * n + j] as number);
            const y = ref.data[i * n + j] as number;
            expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-10 * scale);
          }
        }
      });
    }
  });
});
