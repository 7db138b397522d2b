/**
 * One square layer's weights in the signal view, dense or, for `orthogonal`, as its Householder factors
 * (`orthogonalFactors` of @init/schemes: the same draws as the scheme's fill, never accumulated into a matrix).
 * Either way the view needs only two products with a batch `X` (`batch x width`, row-major):
 * forward `X Wᵀ` and backward `Δ W`. Through the factors, `W = Q · diag(s)` with `Q = B_0 ⋯ B_{K−1}`,
 * `B_k = I − V_k T_k V_kᵀ` on rows `start_k..`, so on the transposed batch
 *   `(X Wᵀ)ᵀ = Q (s ⊙ Xᵀ)` and `(Δ W)ᵀ = s ⊙ (Qᵀ Δᵀ)`,
 * which `applyBlockReflectors` of @init/linalg computes in place: per block `Y = Vᵀ C_k`, `Y ← op(T) Y`,
 * `C_k ← C_k − V Y`, three GEMMs (the middle one only `48 x 48 x batch`), about the flops of one dense product
 * and no `(4/3)·width³` accumulation of the matrix. On the transpose (`width x batch`) every block's rows are one
 * contiguous run, and the whole layer is one call, which copies the batch into WebAssembly memory once. The
 * results equal the dense products up to float32 rounding.
 */
import { applyBlockReflectors, gemm, view } from '@init/linalg';
import { createRng } from '@init/rng';
import { fromConfig, type OrthogonalFactors, orthogonalFactors } from '@init/schemes';
import type { SchemeConfigJson } from '../scheme-catalog';

export type LayerWeights =
  | { readonly kind: 'dense'; readonly w: Float32Array }
  | { readonly kind: 'factored'; readonly f: OrthogonalFactors };

/** Scratch of the factored products: the operand transposed (`width x batch`). */
export interface FactorScratch {
  readonly xt: Float32Array;
}

/** The scale of an `orthogonal` config the factored form reproduces (default method), or undefined. */
function orthogonalScale(scheme: SchemeConfigJson): number | undefined {
  if (scheme.name !== 'orthogonal') return undefined;
  const method = scheme.method ?? 'reflectors';
  if (method !== 'reflectors') return undefined;
  const gain = typeof scheme.gain === 'number' ? scheme.gain : 1;
  const multiplier = typeof scheme.multiplier === 'number' ? scheme.multiplier : 1;
  return gain * multiplier;
}

/**
 * Layer `l`'s weights (`width x width`) from the stream `createRng(seed).fork('<l>.weight')`: the factors for
 * `orthogonal`, the dense fill otherwise (which validates the config).
 */
export function drawLayer(scheme: SchemeConfigJson, width: number, seed: number, l: number): LayerWeights {
  const rng = createRng(seed).fork(`${l}.weight`);
  const scale = orthogonalScale(scheme);
  if (scale !== undefined && Number.isFinite(scale) && width > 0) {
    // Validate the whole config as the dense path would (unknown keys, ranges), then factor.
    fromConfig(scheme);
    return { kind: 'factored', f: orthogonalFactors([width, width], rng, { gain: scale }) };
  }
  return { kind: 'dense', w: fromConfig(scheme).fill(new Float32Array(width * width), [width, width], rng) };
}

/** The buffers a layer owns (transferred, not copied, between workers). */
export function layerBuffers(lw: LayerWeights): ArrayBuffer[] {
  if (lw.kind === 'dense') return [lw.w.buffer as ArrayBuffer];
  const out = [lw.f.columnScale.buffer as ArrayBuffer];
  for (const b of lw.f.blocks) out.push(b.v.data.buffer as ArrayBuffer, b.t.data.buffer as ArrayBuffer);
  return out;
}

export function factorScratch(batch: number, width: number): FactorScratch {
  return { xt: new Float32Array(width * batch) };
}

/** `h = x Wᵀ + beta·h` for `x`, `h` of `batch x width`. Throws what `gemm` throws on overflow. */
export function forwardProduct(
  lw: LayerWeights,
  x: Float32Array,
  h: Float32Array,
  batch: number,
  width: number,
  beta: 0 | 1,
  scratch: FactorScratch,
): void {
  if (lw.kind === 'dense') {
    gemm(1, view(x, batch, width), view(lw.w, width, width), beta, view(h, batch, width), { transB: true });
    return;
  }
  const { f } = lw;
  const s = f.columnScale;
  const { xt } = scratch;
  // Xᵀ ⊙ s (row j scaled by s_j), then the blocks from the last, then back to batch x width.
  for (let r = 0; r < batch; r++) {
    const row = r * width;
    for (let j = 0; j < width; j++) xt[j * batch + r] = (x[row + j] as number) * (s[j] as number);
  }
  applyBlockReflectors(f.blocks, view(xt, width, batch));
  // With a bias h holds it, so the product is added to it.
  for (let r = 0; r < batch; r++) {
    const row = r * width;
    if (beta === 0) for (let j = 0; j < width; j++) h[row + j] = xt[j * batch + r] as number;
    else for (let j = 0; j < width; j++) h[row + j] = (h[row + j] as number) + (xt[j * batch + r] as number);
  }
}

/** `out = delta W` for `delta`, `out` of `batch x width`. Throws what `gemm` throws on overflow. */
export function backwardProduct(
  lw: LayerWeights,
  delta: Float32Array,
  out: Float32Array,
  batch: number,
  width: number,
  scratch: FactorScratch,
): void {
  if (lw.kind === 'dense') {
    gemm(1, view(delta, batch, width), view(lw.w, width, width), 0, view(out, batch, width));
    return;
  }
  const { f } = lw;
  const { xt } = scratch;
  for (let r = 0; r < batch; r++) {
    const row = r * width;
    for (let j = 0; j < width; j++) xt[j * batch + r] = delta[row + j] as number;
  }
  applyBlockReflectors(f.blocks, view(xt, width, batch), { transpose: true });
  const s = f.columnScale;
  for (let r = 0; r < batch; r++) {
    const row = r * width;
    for (let j = 0; j < width; j++) out[row + j] = (xt[j * batch + r] as number) * (s[j] as number);
  }
}
