import { gemm, view } from '@init/linalg';
import { createRng } from '@init/rng';
import { fromConfig } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { backwardProduct, drawLayer, factorScratch, forwardProduct } from './layer-weights';
import { runSignal } from './signal';

/** max |a − b| / max |b|. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
    m = Math.max(m, Math.abs(b[i] as number));
  }
  return d / m;
}

/**
 * The factored products in the batch x width layout, one GEMM per step on a strided block of the rows:
 * forward `X_k ← X_k − ((X_k V) Tᵀ) Vᵀ`, backward `X_k ← X_k − ((X_k V) T) Vᵀ` (what layer-weights.ts computes on
 * the transpose).
 */
function rowLayoutProduct(
  lw: ReturnType<typeof drawLayer>,
  x: Float32Array,
  batch: number,
  width: number,
  forward: boolean,
): Float32Array {
  if (lw.kind !== 'factored') throw new Error('factored layers only');
  const { blocks, columnScale: s } = lw.f;
  const out = new Float32Array(batch * width);
  const scale = (from: Float32Array) => {
    for (let r = 0; r < batch; r++)
      for (let j = 0; j < width; j++) out[r * width + j] = (from[r * width + j] as number) * (s[j] as number);
  };
  if (forward) scale(x);
  else out.set(x);
  const order = blocks.map((_, k) => k);
  if (forward) order.reverse();
  for (const k of order) {
    const b = blocks[k] as (typeof blocks)[number];
    const target = view(out, batch, width - b.start, { offset: b.start, rowStride: width });
    const y = view(new Float32Array(batch * b.v.cols), batch, b.v.cols);
    const y2 = view(new Float32Array(batch * b.v.cols), batch, b.v.cols);
    gemm(1, target, b.v, 0, y);
    gemm(1, y, b.t, 0, y2, { transB: forward });
    gemm(-1, y2, b.v, 1, target, { transB: true });
  }
  if (!forward) scale(out.slice());
  return out;
}

describe('layer weights', () => {
  it('gives the factored products the same bits as the batch x width formulation, on both GEMM back ends', async () => {
    const { gemmBackend, setGemmBackend } = await import('@init/linalg');
    const initial = gemmBackend();
    try {
      for (const backend of ['wasm', 'js'] as const) {
        setGemmBackend(backend);
        for (const [width, batch] of [
          [256, 32],
          [100, 7],
          [49, 5],
          [1, 3],
        ] as const) {
          const lw = drawLayer({ name: 'orthogonal', gain: 1.3 }, width, 11, 2);
          const x = createRng(width).fillNormal(new Float32Array(batch * width));
          const bias = createRng(batch).fillNormal(new Float32Array(batch * width));
          const scratch = factorScratch(batch, width);
          const fwd = new Float32Array(batch * width);
          forwardProduct(lw, x, fwd, batch, width, 0, scratch);
          const want = rowLayoutProduct(lw, x, batch, width, true);
          expect(
            Buffer.from(fwd.buffer).equals(Buffer.from(want.buffer)),
            `${backend} forward ${width}`,
          ).toBe(true);
          const withBias = bias.slice();
          forwardProduct(lw, x, withBias, batch, width, 1, scratch);
          const biased = bias.map((b, i) => b + (want[i] as number));
          expect(
            Buffer.from(withBias.buffer).equals(Buffer.from(biased.buffer)),
            `${backend} bias ${width}`,
          ).toBe(true);
          const bwd = new Float32Array(batch * width);
          backwardProduct(lw, x, bwd, batch, width, scratch);
          const back = rowLayoutProduct(lw, x, batch, width, false);
          expect(
            Buffer.from(bwd.buffer).equals(Buffer.from(back.buffer)),
            `${backend} backward ${width}`,
          ).toBe(true);
        }
      }
    } finally {
      setGemmBackend(initial);
    }
  });

  it('factors orthogonal layers, keeps every other scheme dense', async () => {
    expect(drawLayer({ name: 'orthogonal', gain: 2 }, 16, 1, 1).kind).toBe('factored');
    expect(drawLayer({ name: 'orthogonal', method: 'qr' }, 16, 1, 1).kind).toBe('dense');
    expect(drawLayer({ name: 'he_normal' }, 16, 1, 1).kind).toBe('dense');
    expect(() => drawLayer({ name: 'orthogonal', gian: 2 }, 16, 1, 1)).toThrow('gian');
  });

  it('gives the products of the dense matrix the scheme fills, up to float32 rounding', async () => {
    for (const [width, batch, gain, multiplier] of [
      [256, 32, 1, 1],
      [100, 7, 1.7, 0.5],
      [1, 3, 1, 1],
    ] as const) {
      const scheme = { name: 'orthogonal', gain, multiplier };
      const lw = drawLayer(scheme, width, 9, 3);
      const w = fromConfig(scheme).fill(
        new Float32Array(width * width),
        [width, width],
        createRng(9).fork('3.weight'),
      );
      const x = createRng(2).fillNormal(new Float32Array(batch * width));
      const bias = createRng(3).fillNormal(new Float32Array(batch * width));
      const scratch = factorScratch(batch, width);
      for (const beta of [0, 1] as const) {
        const want = beta === 1 ? bias.slice() : new Float32Array(batch * width);
        gemm(1, view(x, batch, width), view(w, width, width), beta, view(want, batch, width), {
          transB: true,
        });
        const got = beta === 1 ? bias.slice() : new Float32Array(batch * width);
        forwardProduct(lw, x, got, batch, width, beta, scratch);
        expect(relativeError(got, want), `forward ${width} beta ${beta}`).toBeLessThan(2e-6);
      }
      const want = new Float32Array(batch * width);
      gemm(1, view(x, batch, width), view(w, width, width), 0, view(want, batch, width));
      const got = new Float32Array(batch * width);
      backwardProduct(lw, x, got, batch, width, scratch);
      expect(relativeError(got, want), `backward ${width}`).toBeLessThan(2e-6);
    }
  });

  it('keeps every layer of a deep linear orthogonal stack at the input RMS, forward and backward', async () => {
    const r = await runSignal({
      activation: 'linear',
      scheme: { name: 'orthogonal', gain: 1 },
      depth: 50,
      width: 256,
      biasStd: 0,
      input: 'normal',
      batch: 32,
      seed: 4,
    });
    expect(r.measuredDepth).toBe(50);
    // Each row keeps its norm through an orthogonal map, so the RMS of every layer equals the first one's.
    for (const v of r.preRms) expect(Math.abs(v / (r.preRms[0] as number) - 1)).toBeLessThan(1e-5);
    for (const g of r.gradRatio.slice(0, 49)) expect(Math.abs(g - 1)).toBeLessThan(1e-5);
  });
});
