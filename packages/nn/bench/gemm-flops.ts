// GEMM floating-point operations of one training step of the benchmarked networks, counted from
// their shapes (2 m n k per product): forward products, weight gradients, and the input gradients
// of every layer after the first one with parameters (fit skips the first ones, as PyTorch does
// for inputs that need no gradient).
import type { NetworkKind } from './networks';

/** Flops of one step at batch `b`. */
export function gemmFlopsPerStep(kind: NetworkKind, b: number): number {
  const dense = (i: number, o: number) => 2 * b * i * o;
  if (kind === 'mlp') {
    const fwd = dense(784, 256) + dense(256, 128) + dense(128, 10);
    return 2 * fwd + dense(256, 128) + dense(128, 10);
  }
  // Conv as im2col GEMM: [out, in*kh*kw] x [in*kh*kw, oh*ow] per sample.
  const conv1 = 2 * b * 6 * 25 * 28 * 28;
  const conv2 = 2 * b * 16 * 150 * 10 * 10;
  const fc = dense(400, 120) + dense(120, 84) + dense(84, 10);
  return 2 * (conv1 + conv2 + fc) + conv2 + fc;
}
