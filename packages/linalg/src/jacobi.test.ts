import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test/fixtures';
import { randomMatrix } from '../test/random-matrix';
import { eigSym } from './jacobi';
import { copy, fromArray, get, type Matrix, matrix } from './matrix';
import { orthogonalityError } from './orthogonality';

interface EigCase {
  name: string;
  a: number[][];
  values: number[];
}

const fixtures = loadFixture<{ cases: EigCase[] }>('eig.json').cases;

function symmetric(n: number, seed: number, dtype: 'float32' | 'float64' = 'float64'): Matrix {
  const x = randomMatrix(n, n, seed);
  const a = matrix(n, n, { dtype });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      a.data[i * n + j] = ((x.data[i * n + j] as number) + (x.data[j * n + i] as number)) / 2;
  }
  return a;
}

describe('eigSym', () => {
  for (const c of fixtures) {
    it(`${c.name}: eigenvalues match LAPACK eigvalsh`, () => {
      const { values } = eigSym(fromArray(c.a));
      let norm = 0;
      for (const v of c.values) norm = Math.max(norm, Math.abs(v));
      for (let i = 0; i < c.values.length; i++) {
        expect(Math.abs((values[i] as number) - (c.values[i] as number))).toBeLessThanOrEqual(1e-13 * norm);
      }
    });
  }

  for (const [n, dtype] of [
    [1, 'float64'],
    [2, 'float64'],
    [17, 'float64'],
    [60, 'float64'],
    [33, 'float32'],
  ] as const) {
    it(`A v = λ v, orthonormal vectors: n = ${n} ${dtype}`, () => {
      const a = symmetric(n, n + 3, dtype);
      const { values, vectors } = eigSym(a, { vectors: true });
      const v = vectors as Matrix;
      expect(orthogonalityError(v)).toBeLessThan(1e-13 * Math.max(n, 1));
      let norm = 0;
      for (const x of values) norm = Math.max(norm, Math.abs(x));
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let k = 0; k < n; k++) av += get(a, i, k) * get(v, k, j);
          expect(Math.abs(av - (values[j] as number) * get(v, i, j))).toBeLessThan(1e-13 * n * norm);
        }
      }
      const only = eigSym(copy(a));
      for (let j = 0; j < n; j++)
        expect(Math.abs((only.values[j] as number) - (values[j] as number))).toBeLessThan(1e-13 * norm);
    });
  }

  it('tiny and huge scales keep their relative accuracy', () => {
    for (const scale of [1e-300, 1e300]) {
      const { values } = eigSym(
        fromArray([
          [0, scale],
          [scale, 0],
        ]),
      );
      expect((values[0] as number) / -scale).toBeCloseTo(1, 14);
      expect((values[1] as number) / scale).toBeCloseTo(1, 14);
    }
  });

  it('empty and zero matrices', () => {
    expect(eigSym(matrix(0, 0), { vectors: true }).values.length).toBe(0);
    expect(Array.from(eigSym(matrix(3, 3)).values)).toEqual([0, 0, 0]);
    expect(
      Array.from(
        eigSym(
          fromArray([
            [2, 1],
            [1, 2],
          ]),
        ).values,
      ).map((x) => Math.round(x * 1e12) / 1e12),
    ).toEqual([1, 3]);
  });

  it('rejects non-square, non-symmetric and non-finite input', () => {
    expect(() => eigSym(matrix(2, 3))).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', argument: 'a' }),
    );
    expect(() =>
      eigSym(
        fromArray([
          [1, 2],
          [0, 1],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() =>
      eigSym(
        fromArray([
          [1, Number.NaN],
          [Number.NaN, 1],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
  });
});
