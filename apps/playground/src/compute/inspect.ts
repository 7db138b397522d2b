/**
 * The weight inspector's computations: generate a weight tensor from a scheme and describe it, encode
 * it as .npy / .safetensors / JSON for download, and read the tensors of a dropped .safetensors file.
 */
import {
  bfloat16ToFloat32,
  decodeSafetensors,
  encodeNpy,
  encodeSafetensors,
  float16ToFloat32,
  fromConfig,
} from '@init/schemes';
import type { SchemeConfigJson } from '../scheme-catalog';
import { intendedDensity } from './intended-density';
import {
  type DensityHistogram,
  densityHistogram,
  type SparsityPattern,
  singularValues,
  sparsityPattern,
  summarize,
  type TensorSummary,
} from './tensor-stats';

export interface InspectParams {
  readonly scheme: SchemeConfigJson;
  readonly rows: number;
  readonly cols: number;
  readonly seed: number;
}

/** Everything the inspector draws for one 2-D tensor. */
export interface TensorView {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** The 2-D reading used for the spectrum and the pattern: [shape[0], product of the rest]. */
  readonly matrix: readonly [number, number];
  readonly summary: TensorSummary;
  readonly histogram: DensityHistogram;
  /** Largest first; empty when the matrix is too large for the inspector's SVD budget. */
  readonly singular: Float64Array;
  readonly singularNote: string | null;
  readonly pattern: SparsityPattern;
}

export interface InspectResult {
  readonly tensor: TensorView;
  readonly formula: string;
  readonly config: Record<string, unknown>;
  readonly ms: number;
}

/** The SVD is computed only up to this many entries (1024 x 1024 takes about a second). */
export const MAX_SVD_ENTRIES = 1024 * 1024;

function viewTensor(
  name: string,
  dtype: string,
  shape: readonly number[],
  data: Float32Array,
  density: ReturnType<typeof intendedDensity>,
): TensorView {
  const rows = shape.length === 0 ? 1 : (shape[0] as number);
  const cols = rows === 0 ? 0 : data.length / rows;
  const summary = summarize(data);
  const tooBig = rows * cols > MAX_SVD_ENTRIES;
  let singular: Float64Array = new Float64Array(0);
  let singularNote: string | null = null;
  if (tooBig)
    singularNote = `no spectrum: ${rows} x ${cols} is above the ${MAX_SVD_ENTRIES} entries the inspector factors`;
  else if (!Number.isFinite(summary.min) || !Number.isFinite(summary.max) || !Number.isFinite(summary.std)) {
    singularNote = 'no spectrum: the tensor holds NaN or infinite values';
  } else singular = singularValues(data, rows, cols);
  return {
    name,
    dtype,
    shape,
    matrix: [rows, cols],
    summary,
    histogram: densityHistogram(data, summary, density),
    singular,
    singularNote,
    pattern: sparsityPattern(data, rows, cols),
  };
}

function generate(p: InspectParams): {
  data: Float32Array;
  formula: string;
  config: Record<string, unknown>;
} {
  const init = fromConfig(p.scheme);
  const shape = [p.rows, p.cols];
  const t = init(shape, p.seed);
  return {
    data: t.data as Float32Array,
    formula: init.describe(shape).formula,
    config: init.config as Record<string, unknown>,
  };
}

export function runInspect(p: InspectParams): InspectResult {
  const t0 = performance.now();
  const init = fromConfig(p.scheme);
  const shape = [p.rows, p.cols];
  const d = init.describe(shape);
  const { data, formula, config } = generate(p);
  const tensor = viewTensor('weight', 'F32', shape, data, intendedDensity(d, config, p.rows, p.cols));
  return { tensor, formula, config, ms: performance.now() - t0 };
}

export type EncodeFormat = 'npy' | 'safetensors' | 'json';

export interface EncodeParams extends InspectParams {
  readonly format: EncodeFormat;
}

export interface EncodeResult {
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly mime: string;
}

export function runEncode(p: EncodeParams): EncodeResult {
  const { data, config } = generate(p);
  const shape = [p.rows, p.cols];
  const base = `${p.scheme.name}-${p.rows}x${p.cols}-seed${p.seed}`;
  if (p.format === 'npy') {
    return { bytes: encodeNpy({ data, shape }), filename: `${base}.npy`, mime: 'application/octet-stream' };
  }
  if (p.format === 'safetensors') {
    const bytes = encodeSafetensors([{ name: 'weight', shape, data }], {
      metadata: { scheme: JSON.stringify(config), seed: String(p.seed), generator: '@init/playground' },
    });
    return { bytes, filename: `${base}.safetensors`, mime: 'application/octet-stream' };
  }
  const json = JSON.stringify({
    name: 'weight',
    shape,
    dtype: 'float32',
    scheme: config,
    seed: p.seed,
    data: Array.from(data),
  });
  return { bytes: new TextEncoder().encode(json), filename: `${base}.json`, mime: 'application/json' };
}

export interface InspectFileParams {
  readonly bytes: Uint8Array;
  readonly name: string;
}

export interface InspectFileResult {
  readonly name: string;
  readonly size: number;
  readonly metadata: Record<string, string>;
  /** The first {@link MAX_FILE_TENSORS} tensors, in file order. */
  readonly tensors: TensorView[];
  readonly totalTensors: number;
  readonly ms: number;
}

export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_TENSORS = 24;

function asFloat32(t: { dtype: string; data: Float32Array | Float64Array | Uint16Array }): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  if (t.data instanceof Float64Array) return Float32Array.from(t.data);
  return t.dtype === 'BF16' ? bfloat16ToFloat32(t.data) : float16ToFloat32(t.data);
}

/** Reads a .safetensors file in memory (nothing leaves the page) and views each of its first tensors. */
export function runInspectFile(p: InspectFileParams): InspectFileResult {
  const t0 = performance.now();
  if (!(p.bytes instanceof Uint8Array)) throw new Error('the file must arrive as bytes');
  if (p.bytes.length > MAX_FILE_BYTES) {
    throw new Error(
      `the file has ${p.bytes.length} bytes; the inspector reads files up to ${MAX_FILE_BYTES} bytes`,
    );
  }
  const { tensors, metadata } = decodeSafetensors(p.bytes);
  const views = tensors.slice(0, MAX_FILE_TENSORS).map((t) => {
    const data = asFloat32(t);
    const s = summarize(data);
    const c = 1 / (s.std * Math.sqrt(2 * Math.PI));
    const fitted =
      s.std > 0 && Number.isFinite(c)
        ? {
            pdf: (x: number) => c * Math.exp(-0.5 * ((x - s.mean) / s.std) ** 2),
            label: "normal with the tensor's own mean and std (the file does not say its scheme)",
            support: [s.mean - 4 * s.std, s.mean + 4 * s.std] as const,
          }
        : { pdf: null, label: 'constant values' };
    return viewTensor(t.name, t.dtype, t.shape, data, fitted);
  });
  return {
    name: p.name.slice(0, 200),
    size: p.bytes.length,
    metadata,
    tensors: views,
    totalTensors: tensors.length,
    ms: performance.now() - t0,
  };
}
