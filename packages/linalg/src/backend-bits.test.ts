import { afterAll, describe, expect, it } from 'vitest';
import { randomMatrix } from '../test/random-matrix';
import { gemm, gemmBackend, setGemmBackend } from './gemm';
import { gemmDirect } from './gemm-direct';
import { jsKernel } from './gemm-kernel-js';
import { wasmKernel } from './gemm-kernel-wasm';
import { type Dtype, type Matrix, matrix, view } from './matrix';
import { qr } from './qr';
import { svd } from './svd';

/** The stored bits of every entry of `m` (any strides), as hex strings (so -0 and +0 differ). */
function bits(m: Matrix | undefined): string[] {
  if (m === undefined) return [];
  const out: string[] = [];
  const word = m.data instanceof Float32Array ? new Uint32Array(1) : new BigUint64Array(1);
  const cell = m.data instanceof Float32Array ? new Float32Array(word.buffer) : new Float64Array(word.buffer);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      cell[0] = m.data[m.offset + i * m.rowStride + j * m.colStride] as number;
      out.push(word[0]?.toString(16) ?? '');
    }
  }
  return out;
}

/** Number of entries whose bits differ. */
function differing(x: Matrix | undefined, y: Matrix | undefined): number {
  const a = bits(x);
  const b = bits(y);
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

function withBackend<T>(backend: 'wasm' | 'js', f: () => T): T {
  const before = gemmBackend();
  setGemmBackend(backend);
  try {
    return f();
  } finally {
    setGemmBackend(before);
  }
}

/** Sizes that cross every block edge: micro-tiles 4 and 8, row blocks 64 and 96, depth block 256. */
const SIZES: [number, number, number][] = [];
for (let s = 1; s <= 67; s++) SIZES.push([s, ((s * 7) % 67) + 1, ((s * 13) % 67) + 1]);
SIZES.push([97, 5, 9], [65, 33, 255], [9, 17, 256], [13, 11, 257], [5, 70, 513], [100, 3, 300]);

describe('the WebAssembly and TypeScript GEMMs give the same bits', () => {
  afterAll(() => setGemmBackend('wasm'));
  const dtypes: [Dtype, Dtype, Dtype][] = [
    ['float32', 'float32', 'float32'],
    ['float64', 'float64', 'float64'],
    ['float32', 'float64', 'float32'],
  ];
  for (const [da, db, dc] of dtypes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`${da} x ${db} -> ${dc}, transA ${transA}, transB ${transB}, sizes 1..67 and depth past 256`, () => {
          let seed = 1;
          let checked = 0;
          for (const [m, n, k] of SIZES) {
            const a = transA ? randomMatrix(k, m, seed++, da) : randomMatrix(m, k, seed++, da);
            const b = transB ? randomMatrix(n, k, seed++, db) : randomMatrix(k, n, seed++, db);
            const c0 = randomMatrix(m, n, seed++, dc);
            for (const [alpha, beta] of [
              [1, 0],
              [0.1, 1],
              [-1.5, 0.3],
            ] as const) {
              const run = (backend: 'wasm' | 'js'): Matrix => {
                const c = matrix(m, n, { dtype: dc });
                c.data.set(c0.data);
                return withBackend(backend, () => gemm(alpha, a, b, beta, c, { transA, transB }));
              };
              expect(
                differing(run('wasm'), run('js')),
                `${m} x ${n} x ${k}, alpha ${alpha}, beta ${beta}`,
              ).toBe(0);
              checked++;
            }
          }
          expect(checked).toBe(SIZES.length * 3);
        });
      }
    }
  }

  it('the direct loop for small products does what the blocked kernels do (so resident QR updates agree)', () => {
    const w = wasmKernel();
    expect(w).not.toBeNull();
    let seed = 100;
    for (const dtype of ['float32', 'float64'] as const) {
      for (const [m, n, k] of [
        [1, 1, 1],
        [3, 5, 7],
        [4, 8, 7],
        [2, 2, 63],
        [1, 1, 255],
      ] as const) {
        const a = randomMatrix(m, k, seed++, dtype);
        const b = randomMatrix(k, n, seed++, dtype);
        const c0 = randomMatrix(m, n, seed++, dtype);
        for (const [alpha, beta] of [
          [1, 0],
          [-1, 1],
          [0.7, 0.2],
        ] as const) {
          const direct = matrix(m, n, { dtype });
          direct.data.set(c0.data);
          gemmDirect(alpha, a, b, beta, direct);
          for (const kernel of [jsKernel, w]) {
            const blocked = matrix(m, n, { dtype });
            blocked.data.set(c0.data);
            kernel?.gemm(alpha, a, b, beta, blocked);
            expect(differing(direct, blocked), `${kernel?.name} ${dtype} ${m} x ${n} x ${k}`).toBe(0);
          }
        }
      }
    }
  });

  it('float32 arithmetic is float32: a sum that float64 would keep rounds away on both back ends', () => {
    // 2^24 + 1 is not a float32: (1 * 2^24) + 1 rounds to 2^24 in float32, not in float64.
    const a = view(new Float32Array(16 * 16).fill(0), 16, 16);
    const b = view(new Float32Array(16 * 16).fill(0), 16, 16);
    a.data[0] = 2 ** 24;
    a.data[1] = 1;
    b.data[0] = 1;
    b.data[16] = 1;
    for (const backend of ['wasm', 'js'] as const) {
      const c = matrix(16, 16, { dtype: 'float32' });
      withBackend(backend, () => gemm(1, a, b, 0, c));
      expect(c.data[0], backend).toBe(2 ** 24);
    }
  });
});

describe('decompositions give the same bits on both back ends', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const precision of ['float32', 'float64'] as const) {
      for (const [m, n] of [
        [64, 64],
        [150, 120],
        [67, 130],
        [3, 4],
        [300, 17],
      ] as const) {
        it(`qr of ${m} x ${n} ${dtype}, ${precision} work, every mode`, () => {
          const a = randomMatrix(m, n, m * 1000 + n, dtype);
          for (const mode of ['reduced', 'complete', 'r'] as const) {
            const w = withBackend('wasm', () => qr(a, { mode, precision }));
            const j = withBackend('js', () => qr(a, { mode, precision }));
            expect(differing(w.r, j.r), `${mode} R`).toBe(0);
            expect(differing(w.q, j.q), `${mode} Q`).toBe(0);
          }
        });
      }
    }
  }

  it('qr with a small block size (many panels, the Householder accumulation of Q in every step)', () => {
    const a = randomMatrix(129, 97, 5, 'float32');
    for (const precision of ['float32', 'float64'] as const) {
      const w = withBackend('wasm', () => qr(a, { precision, blockSize: 16 }));
      const j = withBackend('js', () => qr(a, { precision, blockSize: 16 }));
      expect(differing(w.q, j.q)).toBe(0);
      expect(differing(w.r, j.r)).toBe(0);
    }
  });

  it('svd (values and vectors, through QR for tall input) and the two-stage values path', () => {
    for (const [m, n, uv] of [
      [90, 40, true],
      [300, 90, true],
      [200, 170, false],
    ] as const) {
      const a = randomMatrix(m, n, m + n);
      const w = withBackend('wasm', () => svd(a, { computeUV: uv }));
      const j = withBackend('js', () => svd(a, { computeUV: uv }));
      expect(differing(view(w.s, 1, w.s.length), view(j.s, 1, j.s.length))).toBe(0);
      expect(differing(w.u, j.u)).toBe(0);
      expect(differing(w.v, j.v)).toBe(0);
    }
  });
});
