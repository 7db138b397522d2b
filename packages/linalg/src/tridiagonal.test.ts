import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test/fixtures';
import { get, type Matrix } from './matrix';
import { orthogonalityError } from './orthogonality';
import { eigSymTridiagonal } from './tridiagonal';

interface TridiagonalCase {
  name: string;
  diag: number[];
  offDiag: number[];
  values: number[];
  weights?: number[];
  mu0?: number;
}

const fixtures = loadFixture<{ cases: TridiagonalCase[] }>('tridiagonal.json').cases;

describe('eigSymTridiagonal', () => {
  for (const c of fixtures) {
    it(`${c.name}: values (and Golub–Welsch weights) match numpy`, () => {
      const { values, vectors } = eigSymTridiagonal(c.diag, c.offDiag, { vectors: true });
      const n = c.diag.length;
      let norm = 0;
      for (const v of c.values) norm = Math.max(norm, Math.abs(v));
      for (let i = 0; i < n; i++) {
        expect(Math.abs((values[i] as number) - (c.values[i] as number))).toBeLessThanOrEqual(
          1e-13 * Math.max(norm, 1),
        );
      }
      const z = vectors as Matrix;
      expect(orthogonalityError(z)).toBeLessThan(1e-13);
      // T v = λ v for every pair.
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          let tv = (c.diag[i] as number) * get(z, i, j);
          if (i > 0) tv += (c.offDiag[i - 1] as number) * get(z, i - 1, j);
          if (i < n - 1) tv += (c.offDiag[i] as number) * get(z, i + 1, j);
          expect(Math.abs(tv - (values[j] as number) * get(z, i, j))).toBeLessThan(1e-13 * Math.max(norm, 1));
        }
      }
      if (c.weights && c.mu0 !== undefined) {
        for (let j = 0; j < n; j++) {
          const w = c.mu0 * get(z, 0, j) ** 2;
          expect(Math.abs(w - (c.weights[j] as number))).toBeLessThanOrEqual(1e-13 * c.mu0);
        }
      }
    });
  }

  it('values only equal values with vectors; ascending order', () => {
    const c = fixtures.find((x) => x.name === 'random_30') as TridiagonalCase;
    const a = eigSymTridiagonal(c.diag, c.offDiag);
    const b = eigSymTridiagonal(c.diag, c.offDiag, { vectors: true });
    expect(a.vectors).toBeUndefined();
    for (let i = 0; i < 30; i++)
      expect(Math.abs((a.values[i] as number) - (b.values[i] as number))).toBeLessThan(1e-13);
    for (let i = 1; i < 30; i++)
      expect(a.values[i] as number).toBeGreaterThanOrEqual(a.values[i - 1] as number);
  });

  it('accepts typed arrays, empty and diagonal input', () => {
    expect(eigSymTridiagonal([], []).values.length).toBe(0);
    expect(eigSymTridiagonal([], [], { vectors: true }).vectors?.rows).toBe(0);
    const r = eigSymTridiagonal(new Float32Array([3, 1, 2]), new Float64Array([0, 0]), { vectors: true });
    expect(Array.from(r.values)).toEqual([1, 2, 3]);
    expect(get(r.vectors as Matrix, 1, 0)).toBe(1);
    expect(eigSymTridiagonal([1e200, 1e200], [1e200]).values[1]).toBeCloseTo(2e200, -186);
  });

  it('rejects wrong lengths, NaN and non-numbers', () => {
    expect(() => eigSymTridiagonal([1, 2, 3], [1])).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', argument: 'offDiag' }),
    );
    expect(() => eigSymTridiagonal([1, Number.NaN], [1])).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE', argument: 'diag' }),
    );
    expect(() => eigSymTridiagonal([1, 2], [Number.POSITIVE_INFINITY])).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE', argument: 'offDiag' }),
    );
    // biome-ignore lint/suspicious/noExplicitAny: testing a JavaScript caller
    expect(() => eigSymTridiagonal(['1'] as any, [])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
