/**
 * Signal propagation through a deep plain stack of square dense layers, measured on a batch and
 * predicted by @init/advisor's mean field: h_l = x_{l-1} W_lᵀ + b_l, x_l = φ(h_l), with W_l drawn by
 * the chosen scheme from the stream `rng.fork('<l>.weight')`, and a random output gradient sent back.
 */
import { propagate, weightStatistics } from '@init/advisor';
import { gemmBackend } from '@init/linalg';
import { createRng, type Rng } from '@init/rng';
import type { SchemeConfigJson } from '../scheme-catalog';
import type { ActivationName } from '../state/schema';
import { activateArray, multiplyDerivative } from './activation-fns';
import { heatRange, histogramRow } from './heatmap';
import {
  backwardProduct,
  type FactorScratch,
  factorScratch,
  forwardProduct,
  type LayerWeights,
} from './layer-weights';
import { WeightCache } from './weight-cache';
import type { WeightsHelper } from './weights-helper';

export interface SignalParams {
  readonly activation: ActivationName;
  readonly scheme: SchemeConfigJson;
  readonly depth: number;
  readonly width: number;
  /** Standard deviation of the biases (0: no bias). */
  readonly biasStd: number;
  readonly input: 'normal' | 'uniform' | 'sign';
  readonly batch: number;
  readonly seed: number;
  /** Histogram bins of the heatmap; default 48. */
  readonly bins?: number;
}

export interface SignalPrediction {
  readonly sigmaW2: number;
  /** Predicted RMS of each layer's pre-activation, sqrt(q_l). */
  readonly preRms: number[];
  /** Predicted gradient norm at each pre-activation, relative to layer L-1's. */
  readonly gradRatio: number[];
  readonly verdict: string;
  readonly summary: string;
}

export interface SignalResult {
  readonly depth: number;
  /** Layers actually measured (fewer than depth when the values overflowed float32). */
  readonly measuredDepth: number;
  readonly overflowAt: number | null;
  /** RMS of each layer's pre-activation and standard deviation of its output activation. */
  readonly preRms: number[];
  readonly postStd: number[];
  /** Gradient norm at each layer's pre-activation, relative to layer L-1's (as the advisor reports it). */
  readonly gradRatio: number[];
  /** Row-major [measuredDepth, bins]: each layer's activation histogram, scaled to its second-largest bin. */
  readonly heat: Float32Array;
  readonly bins: number;
  readonly range: readonly [number, number];
  readonly prediction: SignalPrediction | null;
  readonly predictionError: string | null;
  readonly ms: number;
  /** The GEMM back end that ran (`wasm` or `js`). */
  readonly gemm: string;
}

function fillInput(x: Float32Array, kind: SignalParams['input'], rng: Rng): void {
  if (kind === 'normal') rng.fillNormal(x);
  else if (kind === 'uniform') rng.fillUniform(x, -Math.sqrt(3), Math.sqrt(3));
  else {
    rng.fillUniform(x, 0, 1);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) < 0.5 ? -1 : 1;
  }
}

/** sqrt(mean a²), or NaN or Infinity when a holds a non-finite value (see {@link std}: no finite value overflows the sum). */
function rms(a: Float32Array): number {
  return Math.sqrt((sums(a)[1] as number) / a.length);
}

const moments = new Float64Array(2);

/**
 * `[Σ a_i, Σ a_i²]` in float64 (in a scratch array, overwritten by the next call), each as four interleaved
 * partial sums added pairwise at the end: independent additions overlap instead of each waiting on the last,
 * and the order is fixed, so the result is deterministic.
 */
function sums(a: Float32Array): Float64Array {
  const n4 = a.length - (a.length % 4);
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  for (let i = 0; i < n4; i += 4) {
    const x0 = a[i] as number;
    const x1 = a[i + 1] as number;
    const x2 = a[i + 2] as number;
    const x3 = a[i + 3] as number;
    m0 += x0;
    m1 += x1;
    m2 += x2;
    m3 += x3;
    q0 += x0 * x0;
    q1 += x1 * x1;
    q2 += x2 * x2;
    q3 += x3 * x3;
  }
  for (let i = n4; i < a.length; i++) {
    const x = a[i] as number;
    m0 += x;
    q0 += x * x;
  }
  moments[0] = m0 + m1 + (m2 + m3);
  moments[1] = q0 + q1 + (q2 + q3);
  return moments;
}

/**
 * The standard deviation of `a`, or NaN when `a` holds a non-finite value: the sum of squares of finite float32
 * values cannot overflow float64 (each square is below 2^256), so it is finite exactly when every value is.
 */
function std(a: Float32Array): number {
  const s = sums(a);
  const total = s[0] as number;
  const squares = s[1] as number;
  if (!Number.isFinite(squares)) return Number.NaN;
  const m = total / a.length;
  return Math.sqrt(Math.max(0, squares / a.length - m * m));
}

function predict(p: SignalParams): { prediction: SignalPrediction | null; error: string | null } {
  try {
    const { sigmaW2 } = weightStatistics(p.scheme, [p.width, p.width]);
    const report = propagate({
      activation: p.activation,
      depth: p.depth,
      sigmaW2,
      sigmaB2: p.biasStd * p.biasStd,
      inputVariance: 1,
    });
    return {
      prediction: {
        sigmaW2,
        preRms: report.layers.map((l) => Math.sqrt(l.q)),
        gradRatio: report.layers.map((l) => l.gradNormRatio),
        verdict: report.verdict,
        summary: report.summary,
      },
      error: null,
    };
  } catch (e) {
    return { prediction: null, error: (e as Error).message };
  }
}

/** The last prediction, by its inputs: a seed, input or batch change leaves it as it was. */
let lastPrediction: { key: string; value: ReturnType<typeof predict> } | undefined;

function predictOnce(p: SignalParams): ReturnType<typeof predict> {
  const key = JSON.stringify([p.scheme, p.width, p.activation, p.depth, p.biasStd]);
  if (lastPrediction?.key !== key) lastPrediction = { key, value: predict(p) };
  return lastPrediction.value;
}

/**
 * The pre- and post-activation arrays of the last run, kept for the next run of the same batch × width (so that a
 * run allocates none of its `2 · depth` activation arrays, which a change of the controls would otherwise turn
 * into garbage each time). A run takes them all (so an overlapping run allocates its own) and gives them back at
 * the end. Every value is overwritten before it is read: the forward product writes all of `h` (after the bias, if
 * any, is copied in), the activation all of `y`.
 */
class ActivationArrays {
  private spare: Float32Array[] = [];
  private spareLength = 0;

  take(n: number): Float32Array[] {
    const out = this.spareLength === n ? this.spare : [];
    this.spare = [];
    return out;
  }

  give(n: number, arrays: Float32Array[]): void {
    this.spare = arrays;
    this.spareLength = n;
  }
}

const activationArrays = new ActivationArrays();

/** At most this many weight values (depth · width²; 128 MiB of float32) in one run. */
export const MAX_WEIGHT_VALUES = 2 ** 25;
/** At most this many activation values (depth · batch · width, kept twice: pre- and post-activation). */
export const MAX_ACTIVATION_VALUES = 2 ** 23;

/** Throws a message the view shows when a setting would need more memory than the budget. */
export function checkBudget(p: Pick<SignalParams, 'depth' | 'width' | 'batch'>): void {
  const weights = p.depth * p.width * p.width;
  if (weights > MAX_WEIGHT_VALUES) {
    throw new Error(
      `depth × width² = ${weights.toLocaleString('en')} weights is above the ${MAX_WEIGHT_VALUES.toLocaleString('en')} this page computes at once; lower the depth or the width`,
    );
  }
  const acts = p.depth * p.batch * p.width;
  if (acts > MAX_ACTIVATION_VALUES) {
    throw new Error(
      `depth × batch × width = ${acts.toLocaleString('en')} activations is above ${MAX_ACTIVATION_VALUES.toLocaleString('en')}; lower the batch, the depth or the width`,
    );
  }
}

/**
 * Runs the forward and backward pass and the mean-field prediction.
 *
 * Measured: preRms_l = sqrt(mean h_l²), postStd_l = std(x_l), gradRatio_l = ‖δ_l‖ / ‖δ_{L-1}‖ with
 * δ_L = g ⊙ φ'(h_L), g ~ N(0, 1), and δ_l = (δ_{l+1} W_{l+1}) ⊙ φ'(h_l).
 * With a `helper`, layers not cached are drawn partly by the helper worker; the forward pass takes each
 * layer as it arrives and draws later layers itself while it waits (see weight-cache.ts). The result is the same either way, bit for bit. The prediction is kept from the previous
 * run when its inputs (scheme, width, activation, depth, bias) are the same.
 */
export async function runSignal(
  p: SignalParams,
  cache: WeightCache = new WeightCache(),
  helper?: WeightsHelper,
): Promise<SignalResult> {
  const t0 = performance.now();
  checkBudget(p);
  const bins = p.bins ?? 48;
  const { batch, width, depth } = p;
  const rng = createRng(p.seed);
  const supply = cache.get(p.scheme, width, p.seed, depth, helper);
  const n = batch * width;
  const x0 = new Float32Array(n);
  fillInput(x0, p.input, rng.fork('input'));
  const weights: LayerWeights[] = [];
  const scratch = factorScratch(batch, width);
  const pre: Float32Array[] = [];
  const post: Float32Array[] = [];
  const spare = activationArrays.take(n);
  const taken: Float32Array[] = [];
  const next = (): Float32Array => {
    const a = spare.pop() ?? new Float32Array(n);
    taken.push(a);
    return a;
  };
  const preRms: number[] = [];
  const postStd: number[] = [];
  let overflowAt: number | null = null;
  let x: Float32Array = x0;
  for (let l = 1; l <= depth; l++) {
    const w = await supply.take(l);
    const h = next();
    if (p.biasStd > 0) {
      const b = rng.fork(`${l}.bias`).fillNormal(new Float32Array(width), 0, p.biasStd);
      for (let r = 0; r < batch; r++) h.set(b, r * width);
    }
    try {
      forwardProduct(w, x, h, batch, width, p.biasStd > 0 ? 1 : 0, scratch);
    } catch {
      overflowAt = l;
      break;
    }
    const y = next();
    activateArray(p.activation, h, y);
    const hr = rms(h);
    const sy = std(y);
    if (!Number.isFinite(hr) || !Number.isFinite(sy)) {
      overflowAt = l;
      break;
    }
    weights.push(w);
    pre.push(h);
    post.push(y);
    preRms.push(hr);
    postStd.push(sy);
    x = y;
  }
  const measured = pre.length;
  const gradNorms = backward(pre, weights, p.activation, rng.fork('output-gradient'), batch, width, scratch);
  const ref = gradNorms[Math.max(0, measured - 2)] ?? 0;
  const gradRatio = gradNorms.map((g) => (ref > 0 && Number.isFinite(g / ref) ? g / ref : Number.NaN));
  const range = heatRange(post);
  const heat = new Float32Array(measured * bins);
  post.forEach((a, l) => {
    histogramRow(a, range[0], range[1], heat, l * bins, bins);
  });
  const { prediction, error } = predictOnce(p);
  activationArrays.give(n, taken.concat(spare));
  return {
    depth,
    measuredDepth: measured,
    overflowAt,
    preRms,
    postStd,
    gradRatio,
    heat,
    bins,
    range,
    prediction,
    predictionError: error,
    ms: performance.now() - t0,
    gemm: gemmBackend(),
  };
}

/** ‖δ_l‖ for every measured layer (NaN from the first layer where the gradient stops being finite). */
function backward(
  pre: readonly Float32Array[],
  weights: readonly LayerWeights[],
  activation: ActivationName,
  rng: Rng,
  batch: number,
  width: number,
  scratch: FactorScratch,
): number[] {
  const L = pre.length;
  const norms = new Array<number>(L).fill(Number.NaN);
  if (L === 0) return norms;
  const n = batch * width;
  let delta: Float32Array = rng.fillNormal(new Float32Array(n));
  const last = pre[L - 1] as Float32Array;
  multiplyDerivative(activation, last, delta);
  norms[L - 1] = rms(delta) * Math.sqrt(n);
  let next: Float32Array = new Float32Array(n);
  for (let l = L - 2; l >= 0; l--) {
    try {
      backwardProduct(weights[l + 1] as LayerWeights, delta, next, batch, width, scratch);
    } catch {
      break;
    }
    const h = pre[l] as Float32Array;
    multiplyDerivative(activation, h, next);
    const r = rms(next);
    if (!Number.isFinite(r)) break;
    norms[l] = r * Math.sqrt(n);
    [delta, next] = [next, delta];
  }
  return norms;
}
