import { BaseLayer } from './base-layer';
import type { AdvisorLayerInfo, LayerConfig, Parameter, Shape } from './layer';
import { booleanOption, checkOptions, numberOption } from './options';

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Added to the variance before the square root. Default 1e-5. */
  eps?: number;
  /** Learnable `weight` (γ, starts at 1) and `bias` (β, starts at 0) over the last axis. Default true. */
  affine?: boolean;
}

/**
 * Layer normalization over the last axis of each sample (PyTorch's `LayerNorm(d)` for an input
 * `[..., d]`): every row of `d` values is normalized by its own mean and biased variance.
 *
 * ```math
 * \hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad y = \gamma \odot \hat x + \beta
 * ```
 *
 * Backward per row: `dx̂ = dy ⊙ γ`, `dx = (d dx̂ − Σ dx̂ − x̂ Σ dx̂ x̂) / (d σ)`;
 * `dγ += Σ_rows dy ⊙ x̂`, `dβ += Σ_rows dy`. Works the same in training and evaluation.
 *
 * @param options - `eps` (default 1e-5), `affine` (default true).
 * @throws {NnError} `INVALID_ARGUMENT` for a bad `eps` or unknown option.
 * @example
 * ```ts
 * const ln = new LayerNorm();
 * ln.build([2], 'ln');
 * ln.forward(new Float32Array([1, 3]), 1, false); // => Float32Array [-0.99999..., 0.99999...]
 * ```
 */
export class LayerNorm extends BaseLayer {
  readonly kind = 'layer_norm';
  readonly eps: number;
  readonly affine: boolean;
  private d = 0;
  private gamma: Parameter | undefined;
  private beta: Parameter | undefined;

  constructor(options?: LayerNormOptions) {
    super();
    const o = checkOptions(options, ['eps', 'affine'], 'options');
    this.eps = numberOption(o, 'eps', { min: 0, exclusiveMin: true, max: 1 }, 1e-5);
    this.affine = booleanOption(o, 'affine', true);
  }

  protected buildShape(inputShape: Shape): Shape {
    if (inputShape.length < 1) this.shapeError('expects at least one axis');
    this.d = inputShape[inputShape.length - 1] as number;
    if (this.affine) {
      this.gamma = this.addParameter('weight', [this.d], 'scale');
      this.gamma.value.fill(1);
      this.beta = this.addParameter('bias', [this.d], 'shift');
    }
    return inputShape;
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const d = this.d;
    const rows = (batch * this.inSize) / d;
    const y = this.cache.get('y', rows * d);
    const xhat = this.cache.get('xhat', rows * d);
    const inv = this.cache.get('inv', rows);
    const gamma = this.gamma?.value;
    const beta = this.beta?.value;
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      let s = 0;
      for (let i = 0; i < d; i++) s += x[o + i] as number;
      const mu = s / d;
      let v = 0;
      for (let i = 0; i < d; i++) {
        const t = (x[o + i] as number) - mu;
        v += t * t;
      }
      const is = 1 / Math.sqrt(v / d + this.eps);
      inv[r] = is;
      for (let i = 0; i < d; i++) {
        const h = ((x[o + i] as number) - mu) * is;
        xhat[o + i] = h;
        y[o + i] =
          gamma === undefined || beta === undefined ? h : (gamma[i] as number) * h + (beta[i] as number);
      }
    }
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    const d = this.d;
    const rows = (batch * this.inSize) / d;
    const xhat = this.cache.get('xhat', rows * d);
    const inv = this.cache.get('inv', rows);
    const dx = this.cache.get('dx', rows * d);
    const gamma = this.gamma;
    const beta = this.beta;
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      let sum = 0;
      let sumX = 0;
      for (let i = 0; i < d; i++) {
        const g = gamma === undefined ? 1 : (gamma.value[i] as number);
        const dh = (dy[o + i] as number) * g;
        sum += dh;
        sumX += dh * (xhat[o + i] as number);
      }
      const k = (inv[r] as number) / d;
      for (let i = 0; i < d; i++) {
        const g = gamma === undefined ? 1 : (gamma.value[i] as number);
        const dh = (dy[o + i] as number) * g;
        dx[o + i] = k * (d * dh - sum - (xhat[o + i] as number) * sumX);
      }
      if (gamma !== undefined && beta !== undefined) {
        for (let i = 0; i < d; i++) {
          const g = dy[o + i] as number;
          gamma.grad[i] = (gamma.grad[i] as number) + g * (xhat[o + i] as number);
          beta.grad[i] = (beta.grad[i] as number) + g;
        }
      }
    }
    return dx;
  }

  config(): LayerConfig {
    return { kind: this.kind, eps: this.eps, affine: this.affine };
  }

  override advisorLayer(): AdvisorLayerInfo {
    return { kind: 'layer_norm', shape: [this.d], bias: this.affine };
  }
}
