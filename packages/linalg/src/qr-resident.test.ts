import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff, randomMatrix } from '../test/random-matrix';
import { gemm, gemmBackend, setGemmBackend } from './gemm';
import { type Matrix, matrix } from './matrix';
import { orthogonalityError } from './orthogonality';
import { type QrMode, qr } from './qr';

/**
 * With the wasm back end, `qr` keeps its working matrix in WebAssembly memory and updates it in
 * place with whole SIMD tiles; tiles that stick out past a block add exact zeros to their
 * neighbours. Shapes that are not multiples of the tile sizes (4 x 4, 4 x 8), thin and wide
 * panels and every mode must therefore give the factors of the TypeScript back end (which
 * copies every block), to float64 rounding.
 */
const shapes: [number, number, QrMode, number | undefined][] = [
  [37, 29, 'reduced', undefined],
  [29, 37, 'reduced', undefined],
  [67, 67, 'reduced', 16],
  [70, 66, 'reduced', 5],
  [45, 20, 'complete', undefined],
  [20, 45, 'complete', 8],
  [130, 3, 'reduced', undefined],
  [3, 130, 'complete', undefined],
  [1, 9, 'reduced', undefined],
  [9, 1, 'complete', undefined],
  [1, 1, 'reduced', undefined],
  [101, 99, 'reduced', 1000],
  [203, 141, 'r', undefined],
  [150, 150, 'reduced', 64],
];

function product(a: Matrix, b: Matrix): Matrix {
  const c = matrix(a.rows, b.cols);
  gemm(1, a, b, 0, c);
  return c;
}

describe('qr with the working matrix resident in WebAssembly memory', () => {
  const initial = gemmBackend();
  afterAll(() => setGemmBackend(initial));

  it.each(shapes)(
    '%i x %i %s, blockSize %s: same factors as the TypeScript back end',
    (m, n, mode, blockSize) => {
      expect(initial).toBe('wasm');
      const a = randomMatrix(m, n, 1000 + m * 7 + n);
      setGemmBackend('wasm');
      const w = qr(a, { mode, blockSize });
      const w32 = qr(a, { mode, blockSize, precision: 'float32' });
      setGemmBackend('js');
      const j = qr(a, { mode, blockSize });
      setGemmBackend('wasm');
      const size = Math.max(m, n);
      const tol = 16 * size * 2 ** -52;
      expect(maxDiff(w.r, j.r)).toBeLessThanOrEqual(tol * Math.sqrt(m));
      if (mode === 'r') {
        expect(w.q).toBeUndefined();
        return;
      }
      const q = w.q as Matrix;
      expect(maxDiff(q, j.q as Matrix)).toBeLessThanOrEqual(tol);
      expect(orthogonalityError(q)).toBeLessThanOrEqual(tol);
      expect(maxDiff(product(q, w.r), a)).toBeLessThanOrEqual(tol * Math.sqrt(m));
      // Float32 work: float32 rounding instead of float64.
      const q32 = w32.q as Matrix;
      expect(orthogonalityError(q32)).toBeLessThanOrEqual(16 * size * 2 ** -23);
      expect(maxDiff(product(q32, w32.r), a)).toBeLessThanOrEqual(16 * size * 2 ** -23 * Math.sqrt(m));
    },
  );

  it('leaves no state behind: a GEMM after a resident QR is unaffected', () => {
    const a = randomMatrix(90, 70, 5);
    const b = randomMatrix(70, 50, 6);
    const before = product(a, b);
    qr(randomMatrix(300, 280, 7, 'float32'), { precision: 'float32' });
    expect(maxDiff(product(a, b), before)).toBe(0);
  });
});
