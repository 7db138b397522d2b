import { afterAll, describe, expect, it } from 'vitest';
import { gemm, gemmBackend, setGemmBackend } from './gemm';
import { loadLinalgWasm } from './gemm-kernel-wasm';
import { fromArray, matrix, toArray } from './matrix';

// The @example blocks of gemm.ts and the README's GEMM section, checked as written.
const initial = gemmBackend();
afterAll(() => setGemmBackend(initial));

describe('gemm documentation examples', () => {
  it('gemm', () => {
    const c = matrix(2, 2);
    gemm(
      1,
      fromArray([
        [1, 2],
        [3, 4],
      ]),
      fromArray([
        [1, 0],
        [0, 1],
      ]),
      0,
      c,
    );
    expect(toArray(c)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('setGemmBackend and gemmBackend', () => {
    setGemmBackend('js');
    expect(gemmBackend()).toBe('js');
    setGemmBackend(initial);
    if (loadLinalgWasm() !== null) expect(initial).toBe('wasm');
  });

  it('README: C = A Aᵀ', () => {
    const a = fromArray([
      [1, 2],
      [3, 4],
    ]);
    const c = matrix(2, 2);
    gemm(1, a, a, 0, c, { transB: true });
    expect(toArray(c)).toEqual([
      [5, 11],
      [11, 25],
    ]);
  });
});
