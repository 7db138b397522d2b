import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff, randomMatrix } from '../test/random-matrix';
import { gemmBackend, setGemmBackend } from './gemm';
import type { Matrix } from './matrix';
import { orthogonalityError } from './orthogonality';
import { qr } from './qr';
import { svd } from './svd';

/**
 * The decompositions reach the GEMM kernels through `gemm` (or the resident updates, which run
 * the same kernels), so they must give the same factors on the WebAssembly kernel and on the
 * TypeScript fallback.
 */
describe('decompositions on both GEMM back ends', () => {
  const initial = gemmBackend();
  afterAll(() => setGemmBackend(initial));

  function run(backend: 'wasm' | 'js') {
    setGemmBackend(backend);
    const a32 = randomMatrix(150, 120, 31, 'float32');
    const a64 = randomMatrix(260, 200, 32);
    return {
      q64: qr(a32),
      q32: qr(a32, { precision: 'float32' }),
      values: svd(a64, { computeUV: false }).s,
      full: svd(randomMatrix(300, 90, 33)),
    };
  }

  it('QR and SVD agree between wasm and js', () => {
    // Node 20+ (the supported engines) always has WebAssembly SIMD, so the default is wasm.
    expect(initial).toBe('wasm');
    const w = run('wasm');
    const j = run('js');
    // Both kernels perform the same operations in the same order (src/backend-bits.test.ts
    // checks the bits themselves).
    expect(maxDiff(w.q64.r, j.q64.r)).toBe(0);
    expect(maxDiff(w.q64.q as Matrix, j.q64.q as Matrix)).toBe(0);
    expect(maxDiff(w.q32.r, j.q32.r)).toBe(0);
    expect(maxDiff(w.q32.q as Matrix, j.q32.q as Matrix)).toBe(0);
    for (const f of [w, j]) {
      expect(orthogonalityError(f.q64.q as Matrix)).toBeLessThan(1e-6);
      expect(orthogonalityError(f.q32.q as Matrix)).toBeLessThan(1e-6);
    }
    const top = w.values[0] as number;
    for (let i = 0; i < w.values.length; i++) {
      expect(Math.abs((w.values[i] as number) - (j.values[i] as number))).toBeLessThan(1e-13 * top);
    }
    for (let i = 0; i < w.full.s.length; i++) {
      expect(Math.abs((w.full.s[i] as number) - (j.full.s[i] as number))).toBeLessThan(
        1e-13 * (w.full.s[0] as number),
      );
    }
  });
});
