import type { Layer } from './layer';
import { numel } from './options';

/** Options of {@link checkLayerGradients}. */
export interface GradientCheckOptions {
  /** Batch size. Default 2. */
  batch?: number;
  /** Central-difference step. Default 1e-2 (see the error budget below). */
  step?: number;
  /** At most this many coordinates per tensor (spread evenly). Default 64. */
  samples?: number;
  /** Input values (default: a fixed pseudo-random pattern in ±[0.1, 1.1], kept away from 0). */
  input?: Float32Array;
  /** Also check the input gradient. Default true. */
  checkInput?: boolean;
  /** Run forward in training mode. Default true. */
  training?: boolean;
}

/** Result of {@link checkLayerGradients}: the worst scaled error and where it occurred. */
export interface GradientCheckResult {
  /** max |numeric − analytic| / (scale of the tensor's analytic gradient + 1e-3). */
  maxError: number;
  /** `'input[i]'` or `'<parameter name>[i]'` of the worst error. */
  where: string;
  /** Number of coordinates checked. */
  checked: number;
}

/** Deterministic pseudo-random values (a small LCG) for test inputs; never Math.random. */
export function patternValues(n: number, seed: number, awayFromZero = true): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    const v = awayFromZero ? (u < 0.5 ? -(0.1 + 2 * u) : 0.1 + 2 * (u - 0.5)) : 2 * u - 1;
    out[i] = v;
  }
  return out;
}

function loss(y: Float32Array, r: Float32Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] as number) * (r[i] as number);
  return s;
}

/**
 * Checks a built layer's `backward` against central differences of `L = Σ r ⊙ forward(x)` with a
 * fixed random `r`, for the input and every parameter.
 *
 * Error budget in float32: each forward value carries a rounding error of about
 * `k ε |y|` (ε = 2^-24, k the length of the longest sum), so the difference quotient carries
 * `≈ k ε Σ|r y| / h` of rounding noise plus `h² f''' / 6` of truncation; with `h = 1e-2` and
 * values of order 1 both stay near 1e-4 of the gradient scale for the layers here. Tests accept
 * a scaled error below 1e-2, a hundred times that budget and far below the error of any wrong
 * formula (a missing term or factor is off by order 1).
 */
export function checkLayerGradients(layer: Layer, options: GradientCheckOptions = {}): GradientCheckResult {
  const batch = options.batch ?? 2;
  const h = options.step ?? 1e-2;
  const samples = options.samples ?? 64;
  const training = options.training ?? true;
  const nIn = batch * numel(layer.inputShape);
  const nOut = batch * numel(layer.outputShape);
  const x = options.input ?? patternValues(nIn, 1);
  const r = patternValues(nOut, 2, false);
  for (const p of layer.parameters()) p.grad.fill(0);
  layer.forward(x, batch, training);
  const dx = Float32Array.from(layer.backward(r, batch));
  let maxError = 0;
  let where = '';
  let checked = 0;
  const probe = (values: Float32Array, analytic: Float32Array, label: string) => {
    let scale = 0;
    for (let i = 0; i < analytic.length; i++) scale = Math.max(scale, Math.abs(analytic[i] as number));
    const stride = Math.max(1, Math.floor(values.length / samples));
    for (let i = 0; i < values.length; i += stride) {
      const v = values[i] as number;
      values[i] = v + h;
      const lp = loss(layer.forward(x, batch, training), r);
      values[i] = v - h;
      const lm = loss(layer.forward(x, batch, training), r);
      values[i] = v;
      const numeric = (lp - lm) / (2 * h);
      const e = Math.abs(numeric - (analytic[i] as number)) / (scale + 1e-3);
      checked++;
      if (e > maxError || where === '') {
        if (e >= maxError) {
          maxError = e;
          where = `${label}[${i}]`;
        }
      }
    }
  };
  if (options.checkInput ?? true) probe(x, dx, 'input');
  for (const p of layer.parameters()) probe(p.value, Float32Array.from(p.grad), p.name);
  return { maxError, where, checked };
}
