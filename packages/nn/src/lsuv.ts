import { createRng, type Rng, type Seed, toRng } from '@init/rng';
import { orthogonal } from '@init/schemes';
import { checkDataset } from './data-checks';
import type { Dataset } from './data-set';
import { NnError } from './errors';
import type { Layer } from './layer';
import type { Model } from './model';
import { checkOptions, numberOption, rawOption } from './options';

/** Options of {@link lsuv}. */
export interface LsuvOptions {
  /** Samples used (the first n). Default min(256, all). */
  batch?: number;
  /** Accept when |Var − 1| < tolerance. Default 0.02. */
  tolerance?: number;
  /** Rescaling rounds per layer at most. Default 20. */
  maxIterations?: number;
  /** Stream (or seed) of the orthonormal pre-initialization; weight `p` draws from `rng.fork(p.name)`. Default 0. */
  rng?: Rng | Seed;
}

/** What {@link lsuv} did to one layer. */
export interface LsuvLayerResult {
  readonly layer: string;
  /** Output variance after the last rescaling. */
  readonly variance: number;
  /** Rescaling rounds used. */
  readonly iterations: number;
  /** Whether |Var − 1| < tolerance was reached. */
  readonly converged: boolean;
}

/** Leaf layers whose output LSUV normalizes: those with a `weight` parameter of role 'weight' (Dense, Conv2D, recurrent). */
function weightLayers(model: Model): Layer[] {
  return model
    .layers()
    .filter((l) => l.parameters().some((p) => p.localName === 'weight' && p.role === 'weight'));
}

/**
 * Layer-sequential unit-variance initialization (Mishkin and Matas 2016), as the reference
 * implementation does it: every weight of a Dense or Conv2D layer is first set to an orthonormal
 * matrix (and its bias to 0); then, from the first layer to the last, the layer's output variance
 * on a batch is measured and its weights divided by its standard deviation until
 * |Var − 1| < tolerance or `maxIterations` rounds. Normalization and activation layers are
 * skipped (they are not rescaled).
 *
 * ```math
 * W_\ell \leftarrow W_\ell / \sqrt{\operatorname{Var}(y_\ell)} \quad \text{until } |\operatorname{Var}(y_\ell) - 1| < 0.02
 * ```
 *

 * `model.describeInit()` keeps showing the schemes of the last `init`; LSUV's result is what
 * this function returns.
 *
 * @param model - The model (its weights are overwritten).
 * @param data - Samples matching the model input (`fit`'s data format).
 * @param options - `batch` 256, `tolerance` 0.02, `maxIterations` 20, `rng` 0.
 * @returns One entry per rescaled layer.
 * @throws {NnError} for bad options or data that does not fit; `NOT_FINITE` if a layer's output
 *   variance is zero or non-finite (the layer's path is named).
 * @example
 * ```ts
 * lsuv(model, train).every((l) => l.converged); // => true
 * ```
 */
export function lsuv(model: Model, data: Dataset, options: LsuvOptions = {}): LsuvLayerResult[] {
  const o = checkOptions(options, ['batch', 'tolerance', 'maxIterations', 'rng'], 'options');
  const d = checkDataset(data, 'data');
  const n = d.shape[0] ?? 0;
  if (n < 1) throw new NnError('INVALID_ARGUMENT', 'data', 'holds no samples');
  if (d.x.length / n !== model.inputSize) {
    throw new NnError(
      'SHAPE_MISMATCH',
      'data.shape',
      `samples have ${d.x.length / n} values, the model input ${model.inputSize}`,
    );
  }
  const b = Math.min(n, numberOption(o, 'batch', { integer: true, min: 1, max: 1 << 16 }, 256));
  const tolerance = numberOption(o, 'tolerance', { min: 0, exclusiveMin: true, max: 1 }, 0.02);
  const maxIterations = numberOption(o, 'maxIterations', { integer: true, min: 1, max: 1000 }, 20);
  const seed = rawOption(o, 'rng');
  let root: Rng;
  try {
    root = seed === undefined ? createRng(0) : toRng(seed as Rng | Seed);
  } catch (e) {
    throw new NnError('INVALID_ARGUMENT', 'rng', e instanceof Error ? e.message : String(e));
  }
  const x = d.x.slice(0, b * model.inputSize);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i] as number)) throw new NnError('NOT_FINITE', 'data.x', `value ${i} is ${x[i]}`);
  const layers = weightLayers(model);
  const ortho = orthogonal();
  for (const l of layers) {
    for (const p of l.parameters()) {
      if (p.localName === 'weight' && p.role === 'weight') ortho.fill(p.value, p.shape, root.fork(p.name));
      else if (p.role === 'bias') p.value.fill(0);
    }
  }
  const saved = model.buffers().map((p) => Float32Array.from(p.value));
  const results: LsuvLayerResult[] = [];
  try {
    for (const l of layers) {
      let variance = Number.NaN;
      let iterations = 0;
      let converged = false;
      const weight = l.parameters().find((p) => p.localName === 'weight' && p.role === 'weight');
      if (weight === undefined) continue;
      while (true) {
        let out: Float32Array | undefined;
        model.setObserver((layer, values, _b, phase) => {
          if (layer === l && phase === 'forward') out = values;
        });
        const y = model.forward(x, b, true);
        model.setObserver(undefined);
        const values = out ?? (layers.length === 1 && model.layers().length === 1 ? y : undefined);
        if (values === undefined)
          throw new NnError('UNSUPPORTED', 'model', `cannot observe the output of ${l.path}`);
        let s = 0;
        for (let i = 0; i < values.length; i++) s += values[i] as number;
        const mean = s / values.length;
        let v = 0;
        for (let i = 0; i < values.length; i++) v += ((values[i] as number) - mean) ** 2;
        variance = v / values.length;
        if (!(variance > 0) || !Number.isFinite(variance)) {
          throw new NnError(
            'NOT_FINITE',
            'model',
            `${l.path}: output variance ${variance}; LSUV cannot rescale it`,
          );
        }
        if (Math.abs(variance - 1) < tolerance) {
          converged = true;
          break;
        }
        if (iterations >= maxIterations) break;
        const k = 1 / Math.sqrt(variance);
        for (let i = 0; i < weight.value.length; i++) weight.value[i] = (weight.value[i] as number) * k;
        iterations++;
      }
      results.push({ layer: l.path, variance, iterations, converged });
    }
  } finally {
    model.setObserver(undefined);
    const buffers = model.buffers();
    for (let i = 0; i < buffers.length; i++) buffers[i]?.value.set(saved[i] as Float32Array);
  }
  return results;
}
