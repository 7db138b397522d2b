/**
 * Fast elementwise activations and their derivatives for the signal view, applied to whole arrays
 * (one loop per call, the activation chosen once outside it). They use Math.exp/Math.tanh: the
 * view shows statistics, so an ulp of difference between engines does not matter here. The same
 * definitions as @init/advisor and @init/nn: leaky_relu slope 0.01, elu alpha 1, SELU's constants,
 * GELU with erf (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7), softplus with threshold 20.
 */
import type { ActivationName } from '../state/schema';

const SELU_ALPHA = 1.6732632423543772;
const SELU_LAMBDA = 1.0507009873554805;
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function softplus(x: number): number {
  return x > 20 ? x : Math.log1p(Math.exp(x));
}

/** φ(x) for one value. */
export function activate(name: ActivationName, x: number): number {
  switch (name) {
    case 'relu':
      return Math.max(x, 0);
    case 'leaky_relu':
      return x > 0 ? x : 0.01 * x;
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'selu':
      return SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
    case 'gelu':
      return 0.5 * x * (1 + erf(x * INV_SQRT2));
    case 'silu':
      return x * sigmoid(x);
    case 'mish':
      return x * Math.tanh(softplus(x));
    case 'softplus':
      return softplus(x);
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return sigmoid(x);
    default:
      return x;
  }
}

/** φ'(x) for one value (the right derivative at kinks, 0 for ReLU at 0 as PyTorch). */
export function derivative(name: ActivationName, x: number): number {
  switch (name) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky_relu':
      return x > 0 ? 1 : 0.01;
    case 'elu':
      return x > 0 ? 1 : Math.exp(x);
    case 'selu':
      return SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x));
    case 'gelu':
      return 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    case 'silu': {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    }
    case 'mish': {
      const t = Math.tanh(softplus(x));
      return t + x * (1 - t * t) * sigmoid(x);
    }
    case 'softplus':
      return x > 20 ? 1 : sigmoid(x);
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    default:
      return 1;
  }
}

/** out[i] = φ(x[i]). ReLU, tanh and linear get their own loops; the rest go through {@link activate}. */
export function activateArray(name: ActivationName, x: Float32Array, out: Float32Array): void {
  const n = x.length;
  if (name === 'relu') {
    for (let i = 0; i < n; i++) {
      const v = x[i] as number;
      out[i] = Math.max(v, 0);
    }
  } else if (name === 'tanh') {
    for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i] as number);
  } else if (name === 'linear') {
    out.set(x);
  } else {
    for (let i = 0; i < n; i++) out[i] = activate(name, x[i] as number);
  }
}

/** g[i] *= φ'(h[i]), in place. */
export function multiplyDerivative(name: ActivationName, h: Float32Array, g: Float32Array): void {
  const n = h.length;
  if (name === 'relu') {
    for (let i = 0; i < n; i++) if (!((h[i] as number) > 0)) g[i] = 0;
  } else if (name === 'tanh') {
    for (let i = 0; i < n; i++) {
      const t = Math.tanh(h[i] as number);
      g[i] = (g[i] as number) * (1 - t * t);
    }
  } else if (name !== 'linear') {
    for (let i = 0; i < n; i++) g[i] = (g[i] as number) * derivative(name, h[i] as number);
  }
}
