import { afterEach, describe, expect, it } from 'vitest';
import { applyBlockReflectors, type BlockReflector } from './block-reflectors';
import { gemm, gemmBackend, setGemmBackend } from './gemm';
import { fromArray, type Matrix, matrix, toArray, view } from './matrix';

/** Deterministic values in (−1, 1) (a fixed linear congruential sequence). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

type Dtype = 'float32' | 'float64';
const make = (dtype: Dtype, n: number, seed: number) =>
  dtype === 'float32' ? Float32Array.from(values(n, seed)) : Float64Array.from(values(n, seed));

/**
 * Blocks of `widths` reflectors from row 0 on, as compact-WY factors of unit-lower reflectors: V has a unit
 * diagonal and zeros above it, T = larft's upper-triangular factor, so each block is orthogonal.
 */
function orthogonalBlocks(
  rows: number,
  widths: readonly number[],
  dtype: Dtype,
  seed: number,
): BlockReflector[] {
  const out: BlockReflector[] = [];
  let start = 0;
  widths.forEach((w, k) => {
    const len = rows - start;
    const v = make(dtype, len * w, seed + k);
    for (let i = 0; i < w; i++) {
      for (let r = 0; r < i; r++) v[r * w + i] = 0;
      v[i * w + i] = 1;
    }
    const tau = Array.from({ length: w }, (_, i) => {
      let ss = 0;
      for (let r = 0; r < len; r++) ss += (v[r * w + i] as number) ** 2;
      return 2 / ss;
    });
    const t = new Float64Array(w * w);
    for (let i = 0; i < w; i++) {
      t[i * w + i] = tau[i] as number;
      for (let r = 0; r < i; r++) {
        let acc = 0;
        for (let c = r; c < i; c++) {
          let dot = 0;
          for (let q = 0; q < len; q++) dot += (v[q * w + c] as number) * (v[q * w + i] as number);
          acc += (t[r * w + c] as number) * dot;
        }
        t[r * w + i] = -(tau[i] as number) * acc;
      }
    }
    const tt = dtype === 'float32' ? Float32Array.from(t) : t;
    out.push({ start, v: view(v, len, w), t: view(tt, w, w) });
    start += w;
  });
  return out;
}

/** The three GEMMs per block that applyBlockReflectors promises to match bit for bit. */
function reference(blocks: readonly BlockReflector[], c: Matrix, transpose: boolean): void {
  const order = transpose ? blocks : [...blocks].reverse();
  for (const b of order) {
    const w = b.v.cols;
    const ck = view(c.data, c.rows - b.start, c.cols, {
      offset: c.offset + b.start * c.rowStride,
      rowStride: c.rowStride,
      colStride: c.colStride,
    });
    const y = matrix(w, c.cols, { dtype: c.data instanceof Float32Array ? 'float32' : 'float64' });
    const y2 = matrix(w, c.cols, { dtype: c.data instanceof Float32Array ? 'float32' : 'float64' });
    gemm(1, b.v, ck, 0, y, { transA: true });
    gemm(1, b.t, y, 0, y2, { transA: transpose });
    gemm(-1, b.v, y2, 1, ck);
  }
}

const bits = (m: Matrix): string => Buffer.from(Float64Array.from(toArray(m).flat()).buffer).toString('hex');

describe('applyBlockReflectors', () => {
  const initial = gemmBackend();
  afterEach(() => setGemmBackend(initial));

  it('gives the bits of three GEMMs per block, in both dtypes, both directions and both back ends', () => {
    const cases: [rows: number, cols: number, widths: number[]][] = [
      [256, 32, [48, 48, 48, 48, 48, 16]],
      [10, 3, [1, 3, 2]],
      [300, 600, [48, 48, 7]],
      [5, 1, [5]],
    ];
    for (const backend of ['wasm', 'js'] as const) {
      setGemmBackend(backend);
      for (const dtype of ['float32', 'float64'] as const) {
        for (const [rows, cols, widths] of cases) {
          const blocks = orthogonalBlocks(rows, widths, dtype, rows + cols);
          for (const transpose of [false, true]) {
            const data = make(dtype, rows * cols, 7 * rows + cols);
            const got = view(data.slice(), rows, cols);
            const want = view(data.slice(), rows, cols);
            applyBlockReflectors(blocks, got, { transpose });
            reference(blocks, want, transpose);
            expect(bits(got), `${backend} ${dtype} ${rows}x${cols} transpose ${transpose}`).toBe(bits(want));
          }
        }
      }
    }
  });

  it('works on strided views of c and of the blocks, and leaves the rest of the buffer alone', () => {
    const rows = 9;
    const cols = 4;
    const blocks = orthogonalBlocks(rows, [2, 3], 'float32', 3).map((b) => {
      // The same V stored by columns.
      const vt = new Float32Array(b.v.rows * b.v.cols);
      for (let r = 0; r < b.v.rows; r++)
        for (let c = 0; c < b.v.cols; c++) vt[c * b.v.rows + r] = b.v.data[r * b.v.cols + c] as number;
      return { ...b, v: view(vt, b.v.rows, b.v.cols, { rowStride: 1, colStride: b.v.rows }) };
    });
    const buffer = make('float32', 2 + rows * 6, 9);
    const before = buffer.slice();
    const c = view(buffer, rows, cols, { offset: 2, rowStride: 6 });
    const want = view(Float32Array.from(toArray(c).flat()), rows, cols);
    applyBlockReflectors(blocks, c);
    reference(orthogonalBlocks(rows, [2, 3], 'float32', 3), want, false);
    expect(toArray(c)).toEqual(toArray(want));
    for (let i = 0; i < buffer.length; i++) {
      const inside = i >= 2 && (i - 2) % 6 < cols && Math.floor((i - 2) / 6) < rows;
      if (!inside) expect(buffer[i]).toBe(before[i]);
    }
  });

  it('applies an orthogonal Q: Qᵀ undoes Q, and norms of columns are kept', () => {
    const rows = 40;
    const blocks = orthogonalBlocks(rows, [16, 16, 8], 'float64', 5);
    const c0 = view(make('float64', rows * 3, 2), rows, 3);
    const c = view(Float64Array.from(c0.data), rows, 3);
    applyBlockReflectors(blocks, c);
    const norm = (m: Matrix, j: number) => Math.hypot(...toArray(m).map((r) => r[j] as number));
    for (let j = 0; j < 3; j++) expect(norm(c, j)).toBeCloseTo(norm(c0, j), 12);
    expect(toArray(c)).not.toEqual(toArray(c0));
    applyBlockReflectors(blocks, c, { transpose: true });
    const err = Math.max(
      ...toArray(c).flatMap((r, i) => r.map((x, j) => Math.abs(x - (toArray(c0)[i]?.[j] ?? 0)))),
    );
    expect(err).toBeLessThan(1e-13);
  });

  it('matches its example: one reflector with v = (1, 1), τ = 1 swaps and negates the rows', () => {
    const c = fromArray([
      [1, 2],
      [3, 4],
    ]);
    applyBlockReflectors([{ start: 0, v: fromArray([[1], [1]]), t: fromArray([[1]]) }], c);
    expect(toArray(c)).toEqual([
      [-3, -4],
      [-1, -2],
    ]);
  });

  it('returns c unchanged for no blocks, empty blocks or an empty c', () => {
    const c = fromArray([[1, 2]]);
    expect(applyBlockReflectors([], c)).toBe(c);
    applyBlockReflectors([{ start: 1, v: matrix(0, 0), t: matrix(0, 0) }], c);
    expect(toArray(c)).toEqual([[1, 2]]);
    expect(applyBlockReflectors([{ start: 0, v: matrix(0, 2), t: matrix(2, 2) }], matrix(0, 3)).rows).toBe(0);
  });

  it('rejects bad blocks, shapes and options with a LinalgError naming the argument', () => {
    const c = matrix(4, 2);
    const v = matrix(4, 2);
    const t = matrix(2, 2);
    const cases: [() => unknown, string, string][] = [
      [() => applyBlockReflectors('x' as never, c), 'INVALID_ARGUMENT', 'blocks'],
      [() => applyBlockReflectors([null] as never, c), 'INVALID_ARGUMENT', 'blocks[0]'],
      [() => applyBlockReflectors([{ start: 5, v, t }], c), 'INVALID_ARGUMENT', 'blocks[0].start'],
      [() => applyBlockReflectors([{ start: 0.5, v, t }], c), 'INVALID_ARGUMENT', 'blocks[0].start'],
      [() => applyBlockReflectors([{ start: 1, v, t }], c), 'SHAPE_MISMATCH', 'blocks[0].v'],
      [() => applyBlockReflectors([{ start: 0, v, t: matrix(2, 3) }], c), 'SHAPE_MISMATCH', 'blocks[0].t'],
      [() => applyBlockReflectors([{ start: 0, v: {} as Matrix, t }], c), 'INVALID_ARGUMENT', 'blocks[0].v'],
      [() => applyBlockReflectors([{ start: 0, v, t }], 'c' as never), 'INVALID_ARGUMENT', 'c'],
      [
        () => applyBlockReflectors([{ start: 0, v, t }], c, { transpos: true } as never),
        'INVALID_ARGUMENT',
        'options',
      ],
      [
        () => applyBlockReflectors([{ start: 0, v, t }], c, { transpose: 1 } as never),
        'INVALID_ARGUMENT',
        'transpose',
      ],
    ];
    for (const [call, code, argument] of cases) {
      expect(call).toThrowError(expect.objectContaining({ code, argument }));
    }
  });

  it('reports an overflow of finite operands, and lets NaN already in c through', () => {
    for (const backend of ['wasm', 'js'] as const) {
      setGemmBackend(backend);
      const block = () => [
        {
          start: 0,
          v: fromArray([[1], [1]], { dtype: 'float32' }),
          t: fromArray([[1e38]], { dtype: 'float32' }),
        },
      ];
      const c = fromArray([[3e38], [3e38]], { dtype: 'float32' });
      expect(() => applyBlockReflectors(block(), c)).toThrowError(
        expect.objectContaining({ code: 'NOT_FINITE', argument: 'c' }),
      );
      const withNaN = fromArray([[Number.NaN], [1]], { dtype: 'float32' });
      applyBlockReflectors(block(), withNaN);
      expect(toArray(withNaN).flat().every(Number.isNaN)).toBe(true);
    }
  });
});
