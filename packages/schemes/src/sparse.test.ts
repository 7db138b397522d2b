import { describe, expect, it } from 'vitest';
import { ceilFraction, sparse, toCsr } from './sparse';

function columnZeros(w: ArrayLike<number>, rows: number, cols: number): number[] {
  const z = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) if (w[i * cols + j] === 0) z[j] = (z[j] as number) + 1;
  return z;
}
function rowNonzeros(w: ArrayLike<number>, rows: number, cols: number): number[] {
  const z = new Array<number>(rows).fill(0);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) if (w[i * cols + j] !== 0) z[i] = (z[i] as number) + 1;
  return z;
}

describe('sparse', () => {
  it('torch semantics: exactly ceil(sparsity · rows) zeros in every column', () => {
    for (const [rows, cols, s, zeros] of [
      [100, 30, 0.9, 90],
      [100, 7, 0.07, 7],
      [10, 10, 0.25, 3],
      [5, 4, 0, 0],
      [1, 3, 0.5, 1],
    ] as const) {
      const w = sparse({ sparsity: s })([rows, cols], 42).data;
      expect(columnZeros(w, rows, cols)).toEqual(new Array(cols).fill(zeros));
    }
  });

  it('counts zeros as ceil of the exact decimal the sparsity prints as (BigInt arithmetic)', () => {
    // 0.5000000001 · 10 = 5.000000001: 6 zeros, as exact arithmetic and PyTorch give (a 1e-9 snap gave 5).
    expect(ceilFraction(0.5000000001, 10)).toBe(6);
    expect(columnZeros(sparse({ sparsity: 0.5000000001 })([10, 3], 1).data, 10, 3)).toEqual([6, 6, 6]);
    // The documented choice: 0.07 of 100 rows is 7 (floating point 7.000000000000001 gives 8).
    expect(ceilFraction(0.07, 100)).toBe(7);
    expect(ceilFraction(0.1, 30)).toBe(3);
    expect(ceilFraction(0.3, 10)).toBe(3);
    expect(ceilFraction(0, 1000)).toBe(0);
    expect(ceilFraction(1e-7, 10_000_000)).toBe(1);
    expect(ceilFraction(1e-7, 10_000_001)).toBe(2);
    expect(ceilFraction(5e-324, 2 ** 53 - 1)).toBe(1);
    expect(ceilFraction(0.9999999999999999, 2 ** 53 - 1)).toBe(9007199254740991);
    expect(ceilFraction(0.9999999999999999, 10)).toBe(10);
    expect(ceilFraction(0.25, 10)).toBe(3);
  });

  it('torch semantics in the keras layout: zeros per input unit (rows of [in, out])', () => {
    const w = sparse({ sparsity: 0.5 })([6, 10], 1, { layout: 'keras' }).data;
    expect(rowNonzeros(w, 6, 10)).toEqual(new Array(6).fill(5));
  });

  it('martens semantics: exactly k non-zero incoming weights per unit', () => {
    const w = sparse({ semantics: 'martens', k: 15 })([64, 100], 3).data;
    expect(rowNonzeros(w, 64, 100)).toEqual(new Array(64).fill(15));
    const capped = sparse({ semantics: 'martens' })([4, 10], 3).data;
    expect(rowNonzeros(capped, 4, 10)).toEqual([10, 10, 10, 10]);
    const bySparsity = sparse({ semantics: 'martens', sparsity: 0.75 })([3, 8], 3).data;
    expect(rowNonzeros(bySparsity, 3, 8)).toEqual([2, 2, 2]);
  });

  it("martens semantics on conv kernels: k non-zeros among each unit's in x kernel incoming weights", () => {
    const [o, i, kh, kw] = [8, 4, 3, 3];
    const w = sparse({ semantics: 'martens', k: 5 })([o, i, kh, kw], 3).data;
    expect(rowNonzeros(w, o, i * kh * kw)).toEqual(new Array(o).fill(5));
    // keras [kh, kw, in, out]: unit = last index
    const k = sparse({ semantics: 'martens', k: 7 })([kh, kw, i, o], 3, { layout: 'keras' }).data;
    const perUnit = new Array<number>(o).fill(0);
    k.forEach((v, idx) => {
      if (v !== 0) perUnit[idx % o] = (perUnit[idx % o] as number) + 1;
    });
    expect(perUnit).toEqual(new Array(o).fill(7));
    expect(() => sparse({ sparsity: 0.5 })([o, i, kh, kw], 0)).toThrow(/rank 2/);
  });

  it('the zero mask comes from the given stream', () => {
    const mask = (seed: number) =>
      Array.from(sparse({ sparsity: 0.5 })([20, 20], seed).data, (v) => (v === 0 ? 0 : 1));
    expect(mask(1)).toEqual(mask(1));
    expect(mask(1)).not.toEqual(mask(2));
  });

  it('CSR export keeps every non-zero and states its memory', () => {
    const dense = sparse({ sparsity: 0.9 })([100, 50], 5).data;
    const csr = toCsr(dense, 100, 50);
    expect(csr.nnz).toBe(10 * 50);
    expect(csr.bytes).toBe(4 * 101 + 8 * 500);
    expect(csr.denseBytes).toBe(4 * 5000);
    const back = new Float32Array(5000);
    for (let i = 0; i < 100; i++) {
      for (let t = csr.rowPtr[i] as number; t < (csr.rowPtr[i + 1] as number); t++)
        back[i * 50 + (csr.colIndex[t] as number)] = csr.values[t] as number;
    }
    expect(back).toEqual(dense);
    expect(() => toCsr(dense, 10, 10)).toThrow(/needs 100/);
  });

  it('rejects sparsity outside [0, 1), a missing sparsity and rank != 2', () => {
    expect(() => sparse({ sparsity: 1 })).toThrow(/< 1/);
    expect(() => sparse({ sparsity: -0.1 })).toThrow(/>= 0/);
    expect(() => sparse()).toThrow(/required/);
    expect(() => sparse({ sparsity: 0.5 })([4, 4, 4], 0)).toThrow(/rank 2/);
    expect(() => sparse({ semantics: 'martens' })([4], 0)).toThrow(/rank >= 2/);
  });
});
