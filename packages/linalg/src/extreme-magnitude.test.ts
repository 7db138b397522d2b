import { describe, expect, it } from 'vitest';
import { randomMatrix } from '../test/random-matrix';
import {
  conditionNumber,
  copy,
  diagonal,
  effectiveRank,
  eigSym,
  eigSymTridiagonal,
  frobeniusNorm,
  fromArray,
  gemm,
  isIsometry,
  LinalgError,
  type Matrix,
  matrix,
  maxAbs,
  orthogonalityError,
  qr,
  rank,
  set,
  spectralNorm,
  stableRank,
  svd,
} from './index';
import { ldexp } from './power-of-two';

/**
 * `2^e` times a deterministic Gaussian matrix, and `base = 2^-e a` rebuilt from it (exact: for
 * subnormal `a` this is the Gaussian matrix rounded to the few bits that `a` keeps).
 */
function scaled(rows: number, cols: number, seed: number, e: number): { a: Matrix; base: Matrix } {
  const g = randomMatrix(rows, cols, seed);
  const a = matrix(rows, cols);
  for (let i = 0; i < a.data.length; i++) a.data[i] = ldexp(g.data[i] as number, e);
  const base = matrix(rows, cols);
  for (let i = 0; i < a.data.length; i++) base.data[i] = ldexp(a.data[i] as number, -e);
  return { a, base };
}

/** `|2^-e got − want| ≤ rel |want| + 4 ulps of the smallest subnormal`, in unscaled units. */
function near(got: number, want: number, e: number, rel: number, scale = Math.abs(want)): void {
  expect(Math.abs(ldexp(got, -e) - want)).toBeLessThanOrEqual(rel * scale + 4 * ldexp(2 ** -1074, -e));
}

const finite = (x: ArrayLike<number>): boolean => Array.from(x).every(Number.isFinite);

// 2^1019 ≈ 5.6e306 puts entries near 1e307; 2^-1060 ≈ 8e-320 puts them deep in the subnormals.
const EXPONENTS = [1019, 1000, -1030, -1060];

describe('entries near 1e308 and subnormal entries give finite, correct results', () => {
  for (const e of EXPONENTS) {
    it(`qr of 2^${e} A: the Q of A and 2^${e} R, in both working precisions of float64 input`, () => {
      const { a, base } = scaled(40, 30, 7, e);
      const ref = qr(base);
      const got = qr(a);
      expect(finite((got.q as Matrix).data)).toBe(true);
      expect(finite(got.r.data)).toBe(true);
      expect(orthogonalityError(got.q as Matrix)).toBeLessThan(1e-13);
      // The scaled copy of 2^e A is the scaled copy of A: Q is the same, R is 2^e R(A) rounded once.
      expect(Array.from((got.q as Matrix).data)).toEqual(Array.from((ref.q as Matrix).data));
      for (let i = 0; i < got.r.data.length; i++) {
        expect(got.r.data[i]).toBe(ldexp(ref.r.data[i] as number, e));
      }
      const f32work = qr(a, { precision: 'float32' });
      expect(finite((f32work.q as Matrix).data)).toBe(true);
      expect(finite(f32work.r.data)).toBe(true);
      expect(orthogonalityError(f32work.q as Matrix)).toBeLessThan(1e-5);
    });

    it(`svd of 2^${e} A: singular values 2^${e} σ(A), finite vectors`, () => {
      const { a, base } = scaled(30, 20, 8, e);
      const ref = svd(base).s;
      for (const uv of [true, false]) {
        const got = svd(a, { computeUV: uv });
        expect(finite(got.s)).toBe(true);
        for (let i = 0; i < ref.length; i++) {
          const want = ldexp(ref[i] as number, e);
          expect(Math.abs((got.s[i] as number) - want)).toBeLessThanOrEqual(
            1e-12 * ldexp(ref[0] as number, e) + 1e-300 * 0,
          );
        }
        if (uv) expect(finite((got.u as Matrix).data) && finite((got.v as Matrix).data)).toBe(true);
      }
      expect(conditionNumber(a)).toBeCloseTo(conditionNumber(base), 8);
      expect(stableRank(a)).toBeCloseTo(stableRank(base), 12);
      expect(effectiveRank(a)).toBeCloseTo(effectiveRank(base), 12);
      expect(rank(a)).toBe(20);
    });

    it(`norms, spectral norm and eigen solvers of 2^${e} A`, () => {
      const { a, base } = scaled(12, 12, 9, e);
      near(frobeniusNorm(a), frobeniusNorm(base), e, 1e-15);
      expect(maxAbs(a)).toBe(ldexp(maxAbs(base), e));
      near(spectralNorm(a), spectralNorm(base), e, 1e-9);
      const sym = matrix(12, 12);
      const symBase = matrix(12, 12);
      for (let i = 0; i < 12; i++) {
        for (let j = 0; j < 12; j++) {
          const v = (base.data[i * 12 + j] as number) + (base.data[j * 12 + i] as number);
          symBase.data[i * 12 + j] = v;
          sym.data[i * 12 + j] = ldexp(v, e);
        }
      }
      const values = eigSym(sym, { vectors: true }).values;
      const want = eigSym(symBase).values;
      expect(finite(values)).toBe(true);
      const top = Math.max(...Array.from(want, Math.abs));
      for (let i = 0; i < 12; i++) near(values[i] as number, want[i] as number, e, 1e-12, top);
      const d = Array.from({ length: 8 }, (_, i) => ldexp(i - 3, e));
      const off = Array.from({ length: 7 }, () => ldexp(0.5, e));
      const t = eigSymTridiagonal(d, off).values;
      const t0 = eigSymTridiagonal(
        d.map((x) => ldexp(x, -e)),
        off.map((x) => ldexp(x, -e)),
      ).values;
      for (let i = 0; i < 8; i++) near(t[i] as number, t0[i] as number, e, 1e-12, 5);
    });
  }

  it('frobeniusNorm of [1e300, 1e300] and of [1e-300, 1e-300] (scaled sum of squares)', () => {
    expect(frobeniusNorm(fromArray([[1e300, 1e300]]))).toBe(Math.SQRT2 * 1e300);
    const tiny = frobeniusNorm(fromArray([[1e-300, 1e-300]]));
    expect(Math.abs(tiny - Math.SQRT2 * 1e-300)).toBeLessThanOrEqual(2 * 2 ** -1049);
    // 3e-320 and 4e-320 are subnormal: their squares underflow to 0 without scaling.
    expect(Math.abs(frobeniusNorm(fromArray([[3e-320, 4e-320]])) - 5e-320)).toBeLessThanOrEqual(
      2 * 2 ** -1074,
    );
  });

  it('mixed magnitudes: 1e307 beside 1e-310 and ordinary entries', () => {
    const a = fromArray([
      [1e307, 1e-310, 3],
      [-2e306, 5, 1e-310],
      [4, 1e307, -1e-308],
      [1e-310, 7, 1e306],
    ]);
    const { q, r } = qr(a);
    expect(finite((q as Matrix).data) && finite(r.data)).toBe(true);
    expect(orthogonalityError(q as Matrix)).toBeLessThan(1e-14);
    // Q R = A to rounding of the largest entries.
    const back = matrix(4, 3);
    gemm(1, q as Matrix, r, 0, back);
    for (let i = 0; i < 12; i++) {
      expect(Math.abs((back.data[i] as number) - (a.data[i] as number))).toBeLessThan(1e-15 * 1.1e307);
    }
    const s = svd(a).s;
    expect(finite(s)).toBe(true);
    expect(s[0]).toBeGreaterThan(1e307);
    const f = frobeniusNorm(a);
    expect(Math.abs(f - 1e307 * Math.sqrt(2.05))).toBeLessThan(1e-14 * f);
  });

  it('results that cannot be represented throw NOT_FINITE instead of returning Infinity', () => {
    const huge = fromArray([
      [1.5e308, 1.5e308],
      [1.5e308, 1.5e308],
    ]);
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof LinalgError ? `${e.code}:${e.argument}` : 'foreign';
      }
      return 'no error';
    };
    expect(code(() => frobeniusNorm(huge))).toBe('NOT_FINITE:a');
    expect(code(() => svd(huge))).toBe('NOT_FINITE:a');
    expect(code(() => spectralNorm(huge))).toBe('NOT_FINITE:a');
    expect(code(() => qr(huge))).toBe('NOT_FINITE:a');
    expect(code(() => orthogonalityError(huge))).toBe('NOT_FINITE:q');
    expect(isIsometry(huge)).toBe(false);
    expect(code(() => gemm(1, huge, huge, 0, matrix(2, 2)))).toBe('NOT_FINITE:c');
    expect(code(() => qr(fromArray([[3e38], [3e38]], { dtype: 'float32' })))).toBe('NOT_FINITE:a');
    // Finite float64 numbers beyond the float32 range are not silently stored as ±Infinity.
    expect(code(() => copy(fromArray([[1e39]]), { dtype: 'float32' }))).toBe('NOT_FINITE:m');
    expect(code(() => set(matrix(1, 1, { dtype: 'float32' }), 0, 0, -1e39))).toBe('NOT_FINITE:value');
    expect(code(() => fromArray([[1, 1e39]], { dtype: 'float32' }))).toBe('NOT_FINITE:rows');
    expect(code(() => diagonal([1e39], { dtype: 'float32' }))).toBe('NOT_FINITE:values');
    // Ratios stay representable: they are computed from the scaled values.
    expect(stableRank(huge)).toBeCloseTo(1, 12);
    expect(rank(huge)).toBe(1);
    expect(code(() => conditionNumber(huge))).toBe('NOT_FINITE:a');
  });
});
