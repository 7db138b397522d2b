import { resolveActivation } from '@init/advisor';
import { createRng } from '@init/rng';
import { fromConfig, type SchemeConfig } from '@init/schemes';

/** What one live figure simulates: a plain stack of square dense layers. */
export interface StackSpec {
  /** Registry config of the weights, e.g. `{ name: 'he_normal' }`. */
  readonly scheme: SchemeConfig;
  /** Activation name understood by `@init/advisor` (`relu`, `tanh`, ...). */
  readonly activation: string;
  /** Units per layer. */
  readonly width: number;
  /** Number of layers. */
  readonly depth: number;
  /** Samples pushed through the stack. */
  readonly batch: number;
  /** Seed of the weights and of the input. */
  readonly seed: number;
}

/** Per-layer statistics of the simulated stack. */
export interface StackStats {
  /** Standard deviation of the pre-activations of each layer (index 0 is layer 1). */
  readonly preStd: number[];
  /** Standard deviation, across units, of each layer's mean activation (0 means identical units). */
  readonly unitSpread: number[];
}

function std(values: Float32Array): number {
  let sum = 0;
  let sq = 0;
  for (const v of values) {
    sum += v;
    sq += v * v;
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, sq / values.length - mean * mean));
}

function unitSpread(h: Float32Array, batch: number, width: number): number {
  const means = new Float32Array(width);
  for (let b = 0; b < batch; b++)
    for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) + (h[b * width + j] ?? 0) / batch;
  return std(means);
}

/**
 * Pushes `batch` standard-normal inputs through `depth` dense layers of `width` units with weights
 * from `scheme` (PyTorch layout `[out, in]`, zero biases) and `activation`, and records each
 * layer's pre-activation standard deviation and how different its units are.
 */
export function simulateStack(spec: StackSpec): StackStats {
  const { width, depth, batch } = spec;
  const phi = resolveActivation(spec.activation as never).fn;
  const init = fromConfig(spec.scheme);
  const rng = createRng(spec.seed);
  let h = Float32Array.from(rng.fork('input').normalArray(batch * width, 0, 1));
  const preStd: number[] = [];
  const spread: number[] = [];
  const z = new Float32Array(batch * width);
  for (let layer = 0; layer < depth; layer++) {
    const w = init([width, width], rng.fork(`layer.${layer}`)).data;
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < width; o++) {
        let acc = 0;
        for (let i = 0; i < width; i++) acc += (w[o * width + i] ?? 0) * (h[b * width + i] ?? 0);
        z[b * width + o] = acc;
      }
    }
    preStd.push(std(z));
    const next = new Float32Array(batch * width);
    for (let k = 0; k < next.length; k++) next[k] = phi(z[k] ?? 0);
    spread.push(unitSpread(next, batch, width));
    h = next;
  }
  return { preStd, unitSpread: spread };
}

/** A histogram: `counts[k]` values fell in `[edges[k], edges[k + 1])`. */
export interface Histogram {
  readonly edges: number[];
  readonly counts: number[];
}

/** Counts `values` into `bins` equal bins spanning their range (one bin if all are equal). */
export function histogram(values: ArrayLike<number>, bins: number): Histogram {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < values.length; k++) {
    const v = values[k] ?? 0;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return { edges: [lo, lo], counts: [values.length] };
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let k = 0; k < values.length; k++) {
    const bin = Math.min(bins - 1, Math.floor(((values[k] ?? 0) - lo) / width));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, k) => lo + k * width), counts };
}
