import { describe, expect, it } from 'vitest';
import { randomMatrix } from '../test/random-matrix';
import { hadamard } from './hadamard';
import { diagonal, identity } from './identity';
import { block, fromArray, toArray, transpose } from './matrix';
import { frobeniusNorm, maxAbs } from './norms';
import { orthogonalityError } from './orthogonality';
import { transposeCopy } from './transpose-copy';

describe('hadamard', () => {
  it('Sylvester construction: H_ij = (-1)^popcount(i & j), H Hᵀ = n I', () => {
    expect(toArray(hadamard(1))).toEqual([[1]]);
    expect(toArray(hadamard(4))).toEqual([
      [1, 1, 1, 1],
      [1, -1, 1, -1],
      [1, 1, -1, -1],
      [1, -1, -1, 1],
    ]);
    for (const n of [2, 8, 64, 512]) {
      const h = hadamard(n, { dtype: 'float32' });
      expect(h.data).toBeInstanceOf(Float32Array);
      let mismatches = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let bits = i & j;
          let parity = 0;
          while (bits) {
            parity ^= bits & 1;
            bits >>>= 1;
          }
          if (h.data[i * n + j] !== (parity ? -1 : 1)) mismatches++;
        }
      }
      expect(mismatches).toBe(0);
      const scaled = hadamard(n);
      for (let i = 0; i < n * n; i++) scaled.data[i] = (scaled.data[i] as number) / Math.sqrt(n);
      expect(orthogonalityError(scaled)).toBeLessThan(1e-13);
    }
  });

  it('rejects orders that are not powers of two', () => {
    for (const n of [0, 3, 6, -2, 1.5, 65536]) {
      expect(() => hadamard(n)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'n' }));
    }
  });
});

describe('identity, diagonal, transposeCopy, norms', () => {
  it('identity and partial identity', () => {
    expect(toArray(identity(2, 3))).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(toArray(identity(3, 1))).toEqual([[1], [0], [0]]);
    expect(identity(2).data).toBeInstanceOf(Float64Array);
    expect(identity(0).rows).toBe(0);
    expect(() => identity(-1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('diagonal', () => {
    expect(toArray(diagonal([2, 3], { dtype: 'float32' }))).toEqual([
      [2, 0],
      [0, 3],
    ]);
    expect(diagonal([]).rows).toBe(0);
    expect(() => diagonal([1, Number.NaN])).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE', argument: 'values' }),
    );
  });

  it('transposeCopy of views of every shape', () => {
    const a = randomMatrix(45, 70, 1, 'float32');
    const t = transposeCopy(a);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(toArray(t)).toEqual(toArray(transpose(a)));
    const b = block(a, 3, 5, 40, 33);
    expect(toArray(transposeCopy(b))).toEqual(toArray(transpose(b)));
    expect(toArray(transposeCopy(transpose(b)))).toEqual(toArray(b));
    expect(transposeCopy(fromArray([])).rows).toBe(0);
  });

  it('frobeniusNorm and maxAbs', () => {
    expect(
      frobeniusNorm(
        fromArray([
          [3, 0],
          [0, 4],
        ]),
      ),
    ).toBe(5);
    expect(frobeniusNorm(fromArray([[3e200, 4e200]]))).toBeCloseTo(5e200, -186);
    expect(frobeniusNorm(fromArray([[3e-200, 4e-200]]))).toBeCloseTo(5e-200, 213);
    expect(frobeniusNorm(fromArray([]))).toBe(0);
    expect(
      maxAbs(
        fromArray([
          [1, -7],
          [2, 3],
        ]),
      ),
    ).toBe(7);
    expect(
      maxAbs(
        block(
          fromArray([
            [1, -7],
            [2, 3],
          ]),
          1,
          0,
          1,
          2,
        ),
      ),
    ).toBe(3);
    expect(() => maxAbs(fromArray([[Number.POSITIVE_INFINITY]]))).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE' }),
    );
  });
});
