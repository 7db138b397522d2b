import { afterAll, describe, expect, it, vi } from 'vitest';
import { LinalgError } from './errors';
import { gemm, gemmBackend, setGemmBackend } from './gemm';
import { type BlockedTarget, gemmBlocked } from './gemm-blocked';
import type { GemmBackend } from './gemm-kernel';
import { jsTarget } from './gemm-kernel-js';
import { loadLinalgWasm, wasmTarget } from './gemm-kernel-wasm';
import { block, type Dtype, type FloatArray, get, type Matrix, matrix, transpose, view } from './matrix';

/** xorshift32 in [-1, 1): deterministic test data without Math.random. */
function filler(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2147483648 - 1;
  };
}

function random(rows: number, cols: number, dtype: Dtype, seed: number): Matrix {
  const m = matrix(rows, cols, { dtype });
  const next = filler(seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = next();
  return m;
}

/** Reference: float64 triple loop, plus the error bound of a length-k float sum at C's precision. */
function reference(alpha: number, A: Matrix, B: Matrix, beta: number, C0: Matrix) {
  const m = A.rows;
  const n = B.cols;
  const k = A.cols;
  const u = C0.data instanceof Float32Array ? 2 ** -24 : 2 ** -53;
  const value = new Float64Array(m * n);
  const bound = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const t = get(A, i, p) * get(B, p, j);
        s += t;
        abs += Math.abs(t);
      }
      const c = get(C0, i, j);
      value[i * n + j] = beta === 0 ? alpha * s : alpha * s + beta * c;
      const mag = Math.abs(alpha) * abs + (beta === 0 ? 0 : Math.abs(beta * c));
      bound[i * n + j] = 2 * (k + 2) * u * mag + Number.MIN_VALUE;
    }
  }
  return { value, bound };
}

function expectClose(c: Matrix, ref: { value: Float64Array; bound: Float64Array }): void {
  let worst = 0;
  for (let i = 0; i < c.rows; i++) {
    for (let j = 0; j < c.cols; j++) {
      const d = Math.abs(get(c, i, j) - (ref.value[i * c.cols + j] as number));
      worst = Math.max(worst, d / (ref.bound[i * c.cols + j] as number));
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
}

function snapshot(m: Matrix): Matrix {
  const out = matrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[i * m.cols + j] = get(m, i, j);
  return out;
}

const hasWasm = loadLinalgWasm() !== null;
const backends: GemmBackend[] = hasWasm ? ['wasm', 'js'] : ['js'];
const initial = gemmBackend();
afterAll(() => setGemmBackend(initial));

// Shapes [m, n, k]: empty, single elements, below (m n k < 256) and above the packing threshold, and sizes
// that are not multiples of the 4/6-row, 4/8-column tiles or of the 256-deep and 96-row blocks.
const shapes: [number, number, number][] = [
  [0, 3, 4],
  [3, 0, 4],
  [3, 4, 0],
  [1, 1, 1],
  [2, 3, 5],
  [4, 4, 4],
  [1, 37, 50],
  [37, 1, 50],
  [7, 9, 11],
  [33, 35, 37],
  [50, 37, 1],
  [97, 45, 13],
  [61, 70, 300],
  [130, 29, 41],
];

describe.each(backends)('gemm (%s backend)', (backend) => {
  it('selects the backend', () => {
    setGemmBackend(backend);
    expect(gemmBackend()).toBe(backend);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`matches a float64 triple loop for ${dtype}, all transposes and shapes`, () => {
      setGemmBackend(backend);
      let seed = 1;
      for (const [m, n, k] of shapes) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            const a = transA ? random(k, m, dtype, seed++) : random(m, k, dtype, seed++);
            const b = transB ? random(n, k, dtype, seed++) : random(k, n, dtype, seed++);
            const c = random(m, n, dtype, seed++);
            const ref = reference(0.75, transA ? transpose(a) : a, transB ? transpose(b) : b, -1.5, c);
            expect(gemm(0.75, a, b, -1.5, c, { transA, transB })).toBe(c);
            expectClose(c, ref);
          }
        }
      }
    });
  }

  it('reads strided sub-blocks and writes only inside a strided C block', () => {
    setGemmBackend(backend);
    for (const dtype of ['float32', 'float64'] as const) {
      const bigA = random(90, 120, dtype, 11);
      const bigB = random(150, 80, dtype, 12);
      const bigC = random(100, 100, dtype, 13);
      const before = Float64Array.from(bigC.data);
      // A: 70 x 50 block; B: a transposed 50 x 45 view of a block; C: every other column.
      const a = block(bigA, 5, 7, 70, 50);
      const b = transpose(block(bigB, 3, 9, 45, 50));
      const c = view(bigC.data, 70, 45, { offset: 2 * 100 + 1, rowStride: 100, colStride: 2 });
      const ref = reference(2, a, b, 0.5, c);
      gemm(2, a, b, 0.5, c);
      expectClose(c, ref);
      let touched = 0;
      for (let i = 0; i < before.length; i++) if (bigC.data[i] !== before[i]) touched++;
      for (let i = 0; i < 70; i++) {
        for (let j = 0; j < 45; j++) {
          const o = c.offset + i * 100 + 2 * j;
          if (bigC.data[o] !== before[o]) touched--;
        }
      }
      expect(touched).toBe(0);
    }
  });

  it('handles mixed dtypes by computing in float64', () => {
    setGemmBackend(backend);
    const combos: [Dtype, Dtype, Dtype][] = [
      ['float32', 'float64', 'float64'],
      ['float64', 'float32', 'float32'],
      ['float32', 'float32', 'float64'],
    ];
    let seed = 100;
    for (const [da, db, dc] of combos) {
      const a = random(40, 70, da, seed++);
      const b = random(70, 50, db, seed++);
      const c = random(40, 50, dc, seed++);
      const ref = reference(1, a, b, 1, c);
      gemm(1, a, b, 1, c);
      expectClose(c, ref);
    }
  });

  it('alpha and beta: beta = 0 overwrites NaN in C, alpha = 0 only scales C', () => {
    setGemmBackend(backend);
    for (const dtype of ['float32', 'float64'] as const) {
      const a = random(40, 40, dtype, 21);
      const b = random(40, 40, dtype, 22);
      const c = matrix(40, 40, { dtype });
      c.data.fill(Number.NaN);
      const ref = reference(-3, a, b, 0, matrix(40, 40, { dtype }));
      gemm(-3, a, b, 0, c);
      expectClose(c, ref);

      const nanA = random(40, 40, dtype, 23);
      nanA.data[0] = Number.NaN;
      const c2 = random(40, 40, dtype, 24);
      const expected = Array.from(c2.data, (v) => v * 2);
      gemm(0, nanA, b, 2, c2);
      expect(Array.from(c2.data)).toEqual(expected);
      gemm(0, nanA, b, 0, c2);
      expect(c2.data.every((v) => v === 0)).toBe(true);

      // k = 0: the product is empty, C = beta C.
      const c3 = random(3, 4, dtype, 25);
      const expected3 = Array.from(c3.data, (v) => v * -1);
      gemm(1, matrix(3, 0, { dtype }), matrix(0, 4, { dtype }), -1, c3);
      expect(Array.from(c3.data)).toEqual(expected3);
    }
  });

  it('keeps float32 results finite for an alpha beyond the float32 range', () => {
    setGemmBackend(backend);
    const a = random(20, 30, 'float32', 81);
    const b = random(30, 25, 'float32', 82);
    for (const x of [a, b]) for (let i = 0; i < x.data.length; i++) x.data[i] = (x.data[i] as number) * 1e-20;
    const c = matrix(20, 25, { dtype: 'float32' });
    const ref = reference(1e39, a, b, 0, c);
    gemm(1e39, a, b, 0, c);
    expect(c.data.every((v) => Number.isFinite(v))).toBe(true);
    expectClose(c, ref);
  });

  it('propagates NaN and Infinity from A and B as IEEE arithmetic does', () => {
    setGemmBackend(backend);
    for (const dtype of ['float32', 'float64'] as const) {
      const a = random(50, 60, dtype, 31);
      const b = random(60, 70, dtype, 32);
      a.data[3 * 60 + 7] = Number.POSITIVE_INFINITY; // A[3, 7]
      b.data[7 * 70 + 5] = 0; // B[7, 5] = 0, so Inf * 0 = NaN in C[3, 5]
      b.data[7 * 70 + 6] = 1; // Inf * 1 = Inf dominates C[3, 6]
      b.data[20 * 70 + 9] = Number.NaN; // B[20, 9] poisons column 9
      const c = matrix(50, 70, { dtype });
      gemm(1, a, b, 0, c);
      expect(Number.isNaN(get(c, 3, 5))).toBe(true);
      expect(get(c, 3, 6)).toBe(Number.POSITIVE_INFINITY);
      for (let i = 0; i < 50; i++) expect(Number.isNaN(get(c, i, 9))).toBe(true);
      expect(Number.isFinite(get(c, 2, 5))).toBe(true);
      expect(Number.isFinite(get(c, 4, 6))).toBe(true);
    }
  });

  it('is correct when C shares storage with A', () => {
    setGemmBackend(backend);
    const x = random(60, 120, 'float64', 41);
    const a = block(x, 0, 0, 60, 60);
    const c = block(x, 0, 60, 60, 60); // interleaved rows: spans intersect, elements do not
    const b = random(60, 60, 'float64', 42);
    const ref = reference(1, snapshot(a), b, 1, snapshot(c));
    gemm(1, a, b, 1, c);
    expectClose(c, ref);
    // Fully aliased: C = A * B with C and A the same view.
    const y = random(40, 40, 'float64', 43);
    const b40 = block(b, 0, 0, 40, 40);
    const ref2 = reference(1, snapshot(y), b40, 0, snapshot(y));
    gemm(1, y, b40, 0, y);
    expectClose(y, ref2);
  });
});

describe('gemm blocking', () => {
  // Tiny blocks force many column panels, row blocks and depth blocks with ragged edges.
  const small = (t: BlockedTarget): BlockedTarget => ({ ...t, kc: 7, mc: 2 * t.mr, panel: 300 });
  const targets: [string, Dtype, BlockedTarget][] = [['js', 'float64', small(jsTarget)]];
  const ex = loadLinalgWasm();
  if (ex !== null) {
    targets.push(['wasm', 'float32', small(wasmTarget(ex, 'float32'))]);
    targets.push(['wasm', 'float64', small(wasmTarget(ex, 'float64'))]);
  }
  it.each(targets)('%s %s macro-kernel over ragged blocks', (_name, dtype, t) => {
    let seed = 500;
    for (const [m, n, k] of [
      [1, 1, 1],
      [13, 17, 19],
      [25, 41, 30],
      [6, 8, 7],
    ] as const) {
      const a = random(m, k, dtype, seed++);
      const b = transpose(random(n, k, dtype, seed++));
      const c = random(m, n, dtype, seed++);
      const ref = reference(1.25, a, b, -0.5, c);
      gemmBlocked(t, 1.25, a, b, -0.5, c);
      expectClose(c, ref);
    }
  });

  it('wasm and js backends agree within the float32 bound', () => {
    if (!hasWasm) return;
    const a = random(150, 300, 'float32', 61);
    const b = random(300, 170, 'float32', 62);
    const outs: Record<string, FloatArray> = {};
    for (const be of backends) {
      setGemmBackend(be);
      const c = matrix(150, 170, { dtype: 'float32' });
      gemm(1, a, b, 0, c);
      outs[be] = c.data;
    }
    const ref = reference(1, a, b, 0, matrix(150, 170, { dtype: 'float32' }));
    for (let i = 0; i < ref.value.length; i++) {
      expect(Math.abs((outs.wasm?.[i] as number) - (outs.js?.[i] as number))).toBeLessThanOrEqual(
        2 * (ref.bound[i] as number),
      );
    }
  });

  it('keeps its wasm workspace once grown (no per-call growth)', () => {
    const ex = loadLinalgWasm();
    if (ex === null) return;
    setGemmBackend('wasm');
    const a = random(150, 200, 'float64', 71);
    const b = random(200, 180, 'float64', 72);
    const c = matrix(150, 180);
    gemm(1, a, b, 0, c);
    const grown = ex.memory.buffer;
    for (let i = 0; i < 3; i++) gemm(1, a, b, 1, c);
    gemm(1, block(a, 0, 0, 50, 60), block(b, 0, 0, 60, 70), 0, block(c, 0, 0, 50, 70));
    expect(ex.memory.buffer).toBe(grown);
  });

  it('falls back to TypeScript when the wasm memory cannot grow', () => {
    const ex = loadLinalgWasm();
    if (ex === null) return;
    setGemmBackend('wasm');
    const spy = vi.spyOn(ex.memory, 'grow').mockImplementation(() => {
      throw new RangeError('out of memory');
    });
    try {
      // A 2^20-element packed B panel: more workspace than any other test needs.
      const a = random(8, 2000, 'float32', 91);
      const b = random(2000, 600, 'float32', 92);
      const c = random(8, 600, 'float32', 93);
      const ref = reference(1, a, b, 1, c);
      gemm(1, a, b, 1, c);
      expect(spy).toHaveBeenCalled();
      expectClose(c, ref);
    } finally {
      spy.mockRestore();
    }
  });

  it('reuses and regrows its workspace across sizes and dtypes', () => {
    for (const be of backends) {
      setGemmBackend(be);
      for (const [n, dtype] of [
        [40, 'float32'],
        [90, 'float64'],
        [33, 'float32'],
        [120, 'float32'],
        [50, 'float64'],
      ] as const) {
        const a = random(n, n, dtype, n);
        const b = random(n, n, dtype, n + 1);
        const c = matrix(n, n, { dtype });
        const ref = reference(1, a, b, 0, c);
        gemm(1, a, b, 0, c);
        expectClose(c, ref);
      }
    }
  });
});

describe('gemm on random views', () => {
  /** A random m x n view inside a larger array: random offset, row or column major, gaps. */
  function randomView(m: number, n: number, dtype: Dtype, next: () => number): Matrix {
    const gap = Math.floor((next() + 1) * 3);
    const colMajor = next() > 0;
    const offset = Math.floor((next() + 1) * 5);
    const rowStride = colMajor ? 1 : n + gap;
    const colStride = colMajor ? m + gap : 1;
    const length = offset + (m - 1) * rowStride + (n - 1) * colStride + 1 + gap;
    const data =
      dtype === 'float32' ? new Float32Array(Math.max(length, 1)) : new Float64Array(Math.max(length, 1));
    for (let i = 0; i < data.length; i++) data[i] = next();
    return view(data, m, n, m > 0 && n > 0 ? { offset, rowStride, colStride } : {});
  }

  it.each(backends)('matches the triple loop on 150 random cases (%s)', (backend) => {
    setGemmBackend(backend);
    const next = filler(2024);
    const dims = [1, 2, 3, 5, 8, 9, 13, 17, 31, 40];
    const pick = () => dims[Math.floor((next() + 1) * 5)] as number;
    for (let t = 0; t < 150; t++) {
      const [m, n, k] = [pick(), pick(), pick()];
      const dt = (): Dtype => (next() > -0.4 ? 'float32' : 'float64');
      const transA = next() > 0;
      const transB = next() > 0;
      const a = transA ? randomView(k, m, dt(), next) : randomView(m, k, dt(), next);
      const b = transB ? randomView(n, k, dt(), next) : randomView(k, n, dt(), next);
      const c = randomView(m, n, dt(), next);
      const alpha = [1, -1, 0.5, 3][Math.floor((next() + 1) * 2)] as number;
      const beta = [0, 1, -2, 0.25][Math.floor((next() + 1) * 2)] as number;
      const ref = reference(alpha, transA ? transpose(a) : a, transB ? transpose(b) : b, beta, c);
      gemm(alpha, a, b, beta, c, { transA, transB });
      expectClose(c, ref);
    }
  });
});

describe('gemm errors', () => {
  it('rejects bad shapes, scalars, flags and backends with typed errors', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LinalgError);
        return `${(e as LinalgError).code}:${(e as LinalgError).argument}`;
      }
      return undefined;
    };
    const a = matrix(2, 3);
    expect(code(() => gemm(1, a, matrix(2, 3), 0, matrix(2, 3)))).toBe('SHAPE_MISMATCH:b');
    expect(code(() => gemm(1, a, matrix(3, 4), 0, matrix(2, 3)))).toBe('SHAPE_MISMATCH:c');
    expect(code(() => gemm(1, a, matrix(2, 4), 0, matrix(3, 4), { transA: true }))).toBeUndefined();
    expect(code(() => gemm(Number.NaN, a, matrix(3, 1), 0, matrix(2, 1)))).toBe('NOT_FINITE:alpha');
    expect(code(() => gemm(1, a, matrix(3, 1), Number.POSITIVE_INFINITY, matrix(2, 1)))).toBe(
      'NOT_FINITE:beta',
    );
    const badFlag = { transB: 1 } as unknown as { transB: boolean };
    expect(code(() => gemm(1, a, matrix(1, 3), 0, matrix(2, 1), badFlag))).toBe('INVALID_ARGUMENT:transB');
    expect(code(() => setGemmBackend('gpu' as GemmBackend))).toBe('INVALID_ARGUMENT:backend');
  });
});
