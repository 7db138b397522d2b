import { BaseLayer } from './base-layer';
import { NnError } from './errors';
import type { AdvisorLayerInfo, LayerConfig, Parameter, Shape } from './layer';
import { booleanOption, checkOptions, numberOption } from './options';

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  /** Weight of the newest batch in the running statistics (PyTorch's `momentum`). Default 0.1. */
  momentum?: number;
  /** Added to the variance before the square root. Default 1e-5. */
  eps?: number;
  /** Learnable scale `weight` (γ, starts at 1) and shift `bias` (β, starts at 0). Default true. */
  affine?: boolean;
}

/**
 * Batch normalization over the first (channel) axis of each sample, as PyTorch's `BatchNorm1d`
 * (input `[features]` or `[channels, length]`) and `BatchNorm2d` (input `[channels, h, w]`).
 *
 * ```math
 * \hat x = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \quad y = \gamma \hat x + \beta
 * ```
 *
 * Training: `μ_B`, `σ²_B` (biased) over the batch and spatial positions of each channel; running
 * statistics `r ← (1 − m) r + m s` with the UNBIASED batch variance `σ²_B · n / (n − 1)`
 * (`n` values per channel), as PyTorch. Evaluation: the running statistics replace the batch's.
 * Backward (training):
 * `dx = γ / (n σ) · (n dŷ − Σ dŷ − x̂ Σ dŷ x̂)` per channel with `dŷ = dy`, `σ = √(σ²_B + ε)`;
 * `dγ += Σ dy x̂`, `dβ += Σ dy`.
 *
 * Buffers `running_mean` (starts at 0) and `running_var` (starts at 1), saved with the model.
 *
 * @param options - `momentum` (default 0.1, in [0, 1]), `eps` (default 1e-5, > 0), `affine` (true).
 * @throws {NnError} `INVALID_ARGUMENT` for out-of-range options; `SHAPE_MISMATCH` at build for a
 *   rank-0 or rank-4+ input; `INVALID_ARGUMENT` from forward for a training batch with one value per
 *   channel (its variance is undefined).
 * @example
 * ```ts
 * const bn = new BatchNorm();
 * bn.build([16, 8, 8], 'bn1'); // => [16, 8, 8]
 * bn.buffers().map((b) => b.localName); // => ['running_mean', 'running_var']
 * ```
 */
export class BatchNorm extends BaseLayer {
  readonly kind = 'batch_norm';
  readonly momentum: number;
  readonly eps: number;
  readonly affine: boolean;
  private channels = 0;
  private spatial = 0;
  private gamma: Parameter | undefined;
  private beta: Parameter | undefined;
  private runningMean: Float32Array = new Float32Array(0);
  private runningVar: Float32Array = new Float32Array(0);
  private mean = new Float64Array(0);
  private invStd = new Float64Array(0);
  private trainedForward = false;

  constructor(options?: BatchNormOptions) {
    super();
    const o = checkOptions(options, ['momentum', 'eps', 'affine'], 'options');
    this.momentum = numberOption(o, 'momentum', { min: 0, max: 1 }, 0.1);
    this.eps = numberOption(o, 'eps', { min: 0, exclusiveMin: true, max: 1 }, 1e-5);
    this.affine = booleanOption(o, 'affine', true);
  }

  protected buildShape(inputShape: Shape): Shape {
    if (inputShape.length < 1 || inputShape.length > 3) {
      this.shapeError(
        `expects [features], [channels, length] or [channels, h, w], got [${inputShape.join(', ')}]`,
      );
    }
    this.channels = inputShape[0] as number;
    this.spatial = inputShape.slice(1).reduce((a, b) => a * b, 1);
    if (this.affine) {
      this.gamma = this.addParameter('weight', [this.channels], 'scale');
      this.gamma.value.fill(1);
      this.beta = this.addParameter('bias', [this.channels], 'shift');
    }
    this.runningMean = this.addBuffer('running_mean', [this.channels], 'shift').value;
    this.runningVar = this.addBuffer('running_var', [this.channels], 'scale').value;
    this.runningVar.fill(1);
    this.mean = new Float64Array(this.channels);
    this.invStd = new Float64Array(this.channels);
    return inputShape;
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const C = this.channels;
    const S = this.spatial;
    const n = batch * S;
    const y = this.cache.get('y', batch * C * S);
    const xhat = training ? this.cache.get('xhat', batch * C * S) : y;
    if (training && n < 2) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'batch',
        `${this.label}: training needs more than one value per channel (batch ${batch} x ${S} positions)`,
      );
    }
    const gamma = this.gamma?.value;
    const beta = this.beta?.value;
    for (let c = 0; c < C; c++) {
      let mu: number;
      let inv: number;
      if (training) {
        let s = 0;
        for (let b = 0; b < batch; b++) {
          const base = (b * C + c) * S;
          for (let i = 0; i < S; i++) s += x[base + i] as number;
        }
        mu = s / n;
        let v = 0;
        for (let b = 0; b < batch; b++) {
          const base = (b * C + c) * S;
          for (let i = 0; i < S; i++) {
            const d = (x[base + i] as number) - mu;
            v += d * d;
          }
        }
        const varB = v / n;
        inv = 1 / Math.sqrt(varB + this.eps);
        const m = this.momentum;
        this.runningMean[c] = (1 - m) * (this.runningMean[c] as number) + m * mu;
        this.runningVar[c] = (1 - m) * (this.runningVar[c] as number) + (m * v) / (n - 1);
        this.mean[c] = mu;
        this.invStd[c] = inv;
      } else {
        mu = this.runningMean[c] as number;
        inv = 1 / Math.sqrt((this.runningVar[c] as number) + this.eps);
      }
      const g = gamma === undefined ? 1 : (gamma[c] as number);
      const bt = beta === undefined ? 0 : (beta[c] as number);
      for (let b = 0; b < batch; b++) {
        const base = (b * C + c) * S;
        for (let i = 0; i < S; i++) {
          const h = ((x[base + i] as number) - mu) * inv;
          xhat[base + i] = h;
          y[base + i] = g * h + bt;
        }
      }
    }
    this.trainedForward = training;
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    if (!this.trainedForward) {
      throw new NnError(
        'INVALID_STATE',
        'backward',
        `${this.label}: the latest forward was in evaluation mode`,
      );
    }
    const C = this.channels;
    const S = this.spatial;
    const n = batch * S;
    const xhat = this.cache.get('xhat', batch * C * S);
    const dx = this.cache.get('dx', batch * C * S);
    const gamma = this.gamma;
    const beta = this.beta;
    for (let c = 0; c < C; c++) {
      let sumDy = 0;
      let sumDyX = 0;
      for (let b = 0; b < batch; b++) {
        const base = (b * C + c) * S;
        for (let i = 0; i < S; i++) {
          const d = dy[base + i] as number;
          sumDy += d;
          sumDyX += d * (xhat[base + i] as number);
        }
      }
      if (gamma !== undefined && beta !== undefined) {
        gamma.grad[c] = (gamma.grad[c] as number) + sumDyX;
        beta.grad[c] = (beta.grad[c] as number) + sumDy;
      }
      const g = gamma === undefined ? 1 : (gamma.value[c] as number);
      const k = (g * (this.invStd[c] as number)) / n;
      for (let b = 0; b < batch; b++) {
        const base = (b * C + c) * S;
        for (let i = 0; i < S; i++) {
          dx[base + i] = k * (n * (dy[base + i] as number) - sumDy - (xhat[base + i] as number) * sumDyX);
        }
      }
    }
    return dx;
  }

  config(): LayerConfig {
    return { kind: this.kind, momentum: this.momentum, eps: this.eps, affine: this.affine };
  }

  override advisorLayer(): AdvisorLayerInfo {
    return { kind: 'batch_norm', shape: [this.channels], bias: this.affine };
  }
}
