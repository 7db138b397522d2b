/**
 * What the weight inspector shows of any 2-D weight tensor: summary statistics, a density histogram
 * next to the intended density, the singular values and a downsampled sparsity pattern.
 */
import { svd, view } from '@init/linalg';

export interface TensorSummary {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Fraction of entries that are exactly 0. */
  readonly zeros: number;
}

export interface DensityHistogram {
  readonly lo: number;
  readonly hi: number;
  /** Empirical density per bin: count / (n · bin width). */
  readonly density: Float32Array;
  /** The intended density at the bin centres, or null when the scheme has none (constants, identity). */
  readonly intended: Float32Array | null;
  readonly intendedLabel: string;
}

export interface SparsityPattern {
  readonly rows: number;
  readonly cols: number;
  /** Row-major [rows, cols]: fraction of non-zero entries in each cell. */
  readonly filled: Float32Array;
}

/** A density on the real line, or none. */
export interface IntendedDensity {
  readonly pdf: ((x: number) => number) | null;
  readonly label: string;
  /** A range that holds almost all of its mass. */
  readonly support?: readonly [number, number];
}

export function summarize(data: Float32Array): TensorSummary {
  const n = data.length;
  if (n === 0) return { mean: 0, std: 0, min: 0, max: 0, zeros: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i] as number;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((data[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(ss / n), min, max, zeros: zeros / n };
}

/** The histogram range: the data's range, widened to the intended support, never empty. */
function histogramRange(s: TensorSummary, support: readonly [number, number] | undefined): [number, number] {
  let lo = s.min;
  let hi = s.max;
  if (support) {
    lo = Math.min(lo, support[0]);
    hi = Math.max(hi, support[1]);
  }
  if (!(hi > lo) || !Number.isFinite(hi - lo)) {
    const w = Math.max(Math.abs(lo) * 0.1, 1e-3);
    return [lo - w, hi + w];
  }
  const pad = (hi - lo) * 0.02;
  return [lo - pad, hi + pad];
}

export function densityHistogram(
  data: Float32Array,
  summary: TensorSummary,
  intended: IntendedDensity,
  bins = 60,
): DensityHistogram {
  const [lo, hi] = histogramRange(summary, intended.support);
  const width = (hi - lo) / bins;
  const density = new Float32Array(bins);
  for (let i = 0; i < data.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((data[i] as number) - lo) / width)));
    density[b] = (density[b] as number) + 1;
  }
  const norm = data.length > 0 ? 1 / (data.length * width) : 0;
  for (let b = 0; b < bins; b++) density[b] = (density[b] as number) * norm;
  let curve: Float32Array | null = null;
  const pdf = intended.pdf;
  if (pdf !== null) {
    curve = new Float32Array(bins);
    for (let b = 0; b < bins; b++) curve[b] = pdf(lo + (b + 0.5) * width);
  }
  return { lo, hi, density, intended: curve, intendedLabel: intended.label };
}

/** Singular values of the [rows, cols] matrix, largest first (float64 working copy). */
export function singularValues(data: Float32Array, rows: number, cols: number): Float64Array {
  if (rows === 0 || cols === 0) return new Float64Array(0);
  const s = svd(view(Float64Array.from(data), rows, cols), { computeUV: false }).s;
  return Float64Array.from(s);
}

/** Fraction of non-zero entries in each cell of a grid of at most `maxCells` x `maxCells` cells. */
export function sparsityPattern(
  data: Float32Array,
  rows: number,
  cols: number,
  maxCells = 128,
): SparsityPattern {
  const gr = Math.min(rows, maxCells);
  const gc = Math.min(cols, maxCells);
  const filled = new Float32Array(gr * gc);
  const counts = new Float32Array(gr * gc);
  for (let r = 0; r < rows; r++) {
    const cr = Math.floor((r * gr) / rows);
    for (let c = 0; c < cols; c++) {
      const cell = cr * gc + Math.floor((c * gc) / cols);
      counts[cell] = (counts[cell] as number) + 1;
      if ((data[r * cols + c] as number) !== 0) filled[cell] = (filled[cell] as number) + 1;
    }
  }
  for (let i = 0; i < filled.length; i++) {
    const c = counts[i] as number;
    filled[i] = c > 0 ? (filled[i] as number) / c : 0;
  }
  return { rows: gr, cols: gc, filled };
}
