import { BaseLayer } from './base-layer';
import { exp, expm1, log1p, tanh } from './elementary';
import { erf } from './erf';
import { NnError } from './errors';
import type { LayerConfig, Shape } from './layer';
import { checkOptions, choiceOption, numberOption } from './options';

/** Names of the element-wise activations. */
export type ActivationName =
  | 'relu'
  | 'leaky_relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'silu'
  | 'mish'
  | 'softplus'
  | 'tanh'
  | 'sigmoid'
  | 'linear';

/** Every activation name, in a fixed order. */
export const ACTIVATIONS: readonly ActivationName[] = [
  'relu',
  'leaky_relu',
  'elu',
  'selu',
  'gelu',
  'silu',
  'mish',
  'softplus',
  'tanh',
  'sigmoid',
  'linear',
];

/** Options of {@link Activation}. */
export interface ActivationOptions {
  /** Which function. */
  name: ActivationName;
  /** Negative slope of `leaky_relu`. Default 0.01 (PyTorch). */
  slope?: number;
  /** `alpha` of `elu`. Default 1. */
  alpha?: number;
}

/** SELU's λ and α (Klambauer et al. 2017), as PyTorch. */
const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x));
  const e = exp(x);
  return e / (1 + e);
}

/** PyTorch's softplus with beta 1 and threshold 20: log(1 + e^x), or x above 20. */
function softplus(x: number): number {
  return x > 20 ? x : log1p(exp(x));
}

/**
 * An element-wise activation as a layer (`y = f(x)`, same shape in and out).
 *
 * | name | f(x) | f'(x) |
 * |---|---|---|
 * | relu | max(0, x) | 1 if x > 0 else 0 |
 * | leaky_relu | x if x > 0 else slope·x | 1 or slope |
 * | elu | x if x > 0 else α(eˣ − 1) | 1 or f(x) + α |
 * | selu | λx if x > 0 else λα(eˣ − 1) | λ or f(x) + λα |
 * | gelu | x Φ(x) = x (1 + erf(x/√2)) / 2 (PyTorch's exact form) | Φ(x) + x φ(x) |
 * | silu | x σ(x) | σ(x)(1 + x(1 − σ(x))) |
 * | mish | x tanh(softplus(x)) | tanh(sp) + x (1 − tanh²(sp)) σ(x) |
 * | softplus | log(1 + eˣ) (x above 20: x) | σ(x) (1 above 20) |
 * | tanh | tanh x | 1 − tanh² x |
 * | sigmoid | 1 / (1 + e⁻ˣ) | σ(1 − σ) |
 * | linear | x | 1 |
 *
 * At a kink (x = 0 for relu) the derivative taken is that of the x ≤ 0 branch, as PyTorch does.
 *
 * @param options - `name` (required), `slope` (leaky_relu, default 0.01), `alpha` (elu, default 1).
 * @throws {NnError} `INVALID_ARGUMENT` for an unknown name (with the closest one), a slope or alpha
 *   that is not finite and in [0, 1e6], or an option the activation does not take.
 * @example
 * ```ts
 * const act = new Activation({ name: 'relu' });
 * act.build([3], 'act');
 * act.forward(new Float32Array([-1, 0, 2]), 1, false); // => Float32Array [0, 0, 2]
 * ```
 */
export class Activation extends BaseLayer {
  readonly kind: ActivationName;
  readonly slope: number;
  readonly alpha: number;

  constructor(options: ActivationOptions) {
    super();
    const o = checkOptions(options, ['name', 'slope', 'alpha'], 'options');
    this.kind = choiceOption(o, 'name', ACTIVATIONS, 'linear');
    if (o.name === undefined)
      throw new NnError('INVALID_ARGUMENT', 'name', `is required: one of ${ACTIVATIONS.join(', ')}`);
    if (o.slope !== undefined && this.kind !== 'leaky_relu') {
      throw new NnError('INVALID_ARGUMENT', 'slope', `only leaky_relu takes a slope, not ${this.kind}`);
    }
    if (o.alpha !== undefined && this.kind !== 'elu') {
      throw new NnError('INVALID_ARGUMENT', 'alpha', `only elu takes alpha, not ${this.kind}`);
    }
    this.slope = numberOption(o, 'slope', { min: 0, max: 1e6 }, 0.01);
    this.alpha = numberOption(o, 'alpha', { min: 0, max: 1e6 }, 1);
  }

  protected buildShape(inputShape: Shape): Shape {
    return inputShape;
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const n = batch * this.inSize;
    const y = this.cache.get('y', n);
    applyActivation(this.kind, x, y, n, this.slope, this.alpha);
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    const x = this.input(batch);
    const n = batch * this.inSize;
    const dx = this.cache.get('dx', n);
    applyDerivative(this.kind, x, dy, dx, n, this.slope, this.alpha);
    return dx;
  }

  config(): LayerConfig {
    if (this.kind === 'leaky_relu') return { kind: this.kind, slope: this.slope };
    if (this.kind === 'elu') return { kind: this.kind, alpha: this.alpha };
    return { kind: this.kind };
  }
}

/** y[i] = f(x[i]) for i < n. */
function applyActivation(
  kind: ActivationName,
  x: Float32Array,
  y: Float32Array,
  n: number,
  slope: number,
  alpha: number,
): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = v < 0 ? 0 : v; // NaN stays NaN
      }
      return;
    case 'leaky_relu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = v > 0 ? v : slope * v;
      }
      return;
    case 'elu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = v > 0 ? v : alpha * expm1(v);
      }
      return;
    case 'selu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = v > 0 ? SELU_LAMBDA * v : SELU_LAMBDA * SELU_ALPHA * expm1(v);
      }
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = 0.5 * v * (1 + erf(v * INV_SQRT2));
      }
      return;
    case 'silu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = v * sigmoid(v);
      }
      return;
    case 'mish':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        y[i] = v * tanh(softplus(v));
      }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) y[i] = softplus(x[i] as number);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = tanh(x[i] as number);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoid(x[i] as number);
      return;
    case 'linear':
      for (let i = 0; i < n; i++) y[i] = x[i] as number;
      return;
  }
}

/** dx[i] = dy[i] f'(x[i]) for i < n. */
function applyDerivative(
  kind: ActivationName,
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  n: number,
  slope: number,
  alpha: number,
): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < n; i++) dx[i] = (x[i] as number) > 0 ? (dy[i] as number) : 0;
      return;
    case 'leaky_relu':
      for (let i = 0; i < n; i++)
        dx[i] = (x[i] as number) > 0 ? (dy[i] as number) : slope * (dy[i] as number);
      return;
    case 'elu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        dx[i] = v > 0 ? (dy[i] as number) : (dy[i] as number) * alpha * exp(v);
      }
      return;
    case 'selu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        dx[i] = (dy[i] as number) * (v > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * exp(v));
      }
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        const cdf = 0.5 * (1 + erf(v * INV_SQRT2));
        dx[i] = (dy[i] as number) * (cdf + v * INV_SQRT_2PI * exp(-0.5 * v * v));
      }
      return;
    case 'silu':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        const s = sigmoid(v);
        dx[i] = (dy[i] as number) * s * (1 + v * (1 - s));
      }
      return;
    case 'mish':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        const t = tanh(softplus(v));
        dx[i] = (dy[i] as number) * (t + v * (1 - t * t) * sigmoid(v));
      }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        dx[i] = (dy[i] as number) * (v > 20 ? 1 : sigmoid(v));
      }
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) {
        const t = tanh(x[i] as number);
        dx[i] = (dy[i] as number) * (1 - t * t);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const s = sigmoid(x[i] as number);
        dx[i] = (dy[i] as number) * s * (1 - s);
      }
      return;
    case 'linear':
      for (let i = 0; i < n; i++) dx[i] = dy[i] as number;
      return;
  }
}
