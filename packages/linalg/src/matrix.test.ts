import { describe, expect, it } from 'vitest';
import { LinalgError } from './errors';
import { gemm } from './gemm';
import { block, copy, fromArray, get, matrix, toArray, transpose, view } from './matrix';

describe('matrix views', () => {
  it('allocates zeros of the requested dtype, including empty shapes', () => {
    expect(matrix(2, 3, { dtype: 'float32' }).data).toBeInstanceOf(Float32Array);
    expect(matrix(0, 5).data.length).toBe(0);
    expect(matrix(1, 1).data).toEqual(new Float64Array([0]));
  });

  it('rejects bad sizes with a typed error naming the argument', () => {
    expect(() => matrix(-1, 2)).toThrow(LinalgError);
    try {
      matrix(2, 1.5);
    } catch (e) {
      expect((e as LinalgError).argument).toBe('cols');
      expect((e as LinalgError).code).toBe('INVALID_ARGUMENT');
    }
    expect(() => view(new Float64Array(5), 2, 3)).toThrow(/needs 6 elements/);
    expect(() => fromArray([[1, 2], [3]])).toThrow(LinalgError);
  });

  it('transposes and slices without copying', () => {
    const m = fromArray([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const t = transpose(m);
    expect(toArray(t)).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(t.data).toBe(m.data);
    const b = block(m, 0, 1, 2, 2);
    expect(toArray(b)).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(get(transpose(b), 1, 0)).toBe(3);
    expect(toArray(copy(t))).toEqual(toArray(t));
    expect(() => block(m, 1, 1, 2, 2)).toThrow(/does not fit/);
  });
});

describe('gemm contract', () => {
  it('computes alpha op(A) op(B) + beta C', () => {
    const a = fromArray([
      [1, 2],
      [3, 4],
    ]);
    const b = fromArray([
      [5, 6],
      [7, 8],
    ]);
    const c = fromArray([
      [1, 1],
      [1, 1],
    ]);
    gemm(2, a, b, 1, c, { transA: true });
    // Aᵀ B = [[26, 30], [38, 44]]
    expect(toArray(c)).toEqual([
      [53, 61],
      [77, 89],
    ]);
    expect(() => gemm(1, a, matrix(3, 2), 0, matrix(2, 2))).toThrow(LinalgError);
  });
});
