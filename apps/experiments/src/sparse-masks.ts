import type { Model } from '@init/nn';
import { toCsr } from '@init/schemes';

/** The positions of the zero weights of each weight matrix, taken at initialization. */
export interface ZeroMask {
  readonly name: string;
  readonly value: Float32Array;
  readonly zeros: Uint32Array;
}

/** The weight matrices (`role: 'weight'`) of a model. */
function weights(model: Model) {
  return model.parameters().filter((p) => p.role === 'weight' && p.shape.length === 2);
}

/**
 * The zero positions of every weight matrix of `model` now, for {@link applyMasks}.
 *
 * @example
 * ```ts
 * const masks = zeroMasks(model); // right after a sparse initialization
 * ```
 */
export function zeroMasks(model: Model): ZeroMask[] {
  return weights(model).map((p) => {
    const zeros: number[] = [];
    for (let i = 0; i < p.value.length; i++) if (p.value[i] === 0) zeros.push(i);
    return { name: p.name, value: p.value, zeros: Uint32Array.from(zeros) };
  });
}

/** Sets the masked weights back to 0 (after an optimizer step: training restricted to the initial support). */
export function applyMasks(masks: readonly ZeroMask[]): void {
  for (const m of masks) for (let i = 0; i < m.zeros.length; i++) m.value[m.zeros[i] as number] = 0;
}

/** Non-zero count and memory of a model's weight matrices: CSR bytes against dense float32 bytes. */
export function weightMemory(model: Model): {
  nonZero: number;
  total: number;
  csrBytes: number;
  denseBytes: number;
} {
  let nonZero = 0;
  let total = 0;
  let csrBytes = 0;
  let denseBytes = 0;
  for (const p of weights(model)) {
    const csr = toCsr(p.value, p.shape[0] as number, p.shape[1] as number);
    nonZero += csr.nnz;
    total += p.value.length;
    csrBytes += csr.bytes;
    denseBytes += csr.denseBytes;
  }
  return { nonZero, total, csrBytes, denseBytes };
}
