import { BaseLayer } from './base-layer';
import type { AdvisorLayerInfo, LayerConfig, Shape } from './layer';
import { layerGemm, mat } from './matrix-view';
import { booleanOption, checkOptions, numberOption } from './options';

/** Options of {@link Dense}. */
export interface DenseOptions {
  /** Number of output features, a positive integer. */
  units: number;
  /** Whether to add a bias. Default true. */
  bias?: boolean;
}

const KEYS = ['units', 'bias'];

/**
 * Fully connected layer with PyTorch's weight layout.
 *
 * ```math
 * y = x W^T + b, \quad W \in \mathbb{R}^{out \times in},\ b \in \mathbb{R}^{out}
 * ```
 *
 * Backward: `dW += dyᵀ x`, `db += Σ_batch dy`, `dx = dy W`, all through `gemm` with transpose
 * flags (three products of `2 · batch · in · out` flops each per step). Input shape `[in]`; output
 * `[units]`. Parameters `weight [units, in]` and `bias [units]` (initially zero until `init`).
 *
 * @param options - `units` (required), `bias` (default true).
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or non-integer `units` or an unknown option;
 *   `SHAPE_MISMATCH` at build time for an input that is not a vector.
 * @example
 * ```ts
 * const fc = new Dense({ units: 2 });
 * fc.build([3], 'fc'); // => [2]
 * fc.parameters()[0].shape; // => [2, 3]
 * ```
 */
export class Dense extends BaseLayer {
  readonly kind = 'dense';
  readonly units: number;
  readonly useBias: boolean;
  private w: Float32Array = new Float32Array(0);
  private dw: Float32Array = new Float32Array(0);
  private b: Float32Array | undefined;
  private db: Float32Array | undefined;

  constructor(options: DenseOptions) {
    super();
    const o = checkOptions(options, KEYS, 'options');
    this.units = numberOption(o, 'units', { min: 1, max: 2 ** 24, integer: true });
    this.useBias = booleanOption(o, 'bias', true);
  }

  protected buildShape(inputShape: Shape): Shape {
    if (inputShape.length !== 1) {
      this.shapeError(
        `expects a vector input [features], got [${inputShape.join(', ')}]; add a Flatten layer first`,
      );
    }
    const inFeatures = inputShape[0] ?? 0;
    const w = this.addParameter('weight', [this.units, inFeatures], 'weight');
    this.w = w.value;
    this.dw = w.grad;
    if (this.useBias) {
      const b = this.addParameter('bias', [this.units], 'bias');
      this.b = b.value;
      this.db = b.grad;
    }
    return [this.units];
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const n = this.inSize;
    const m = this.units;
    const y = this.cache.get('y', batch * m);
    layerGemm(this.path, 'forward', 1, mat(x, batch, n), mat(this.w, m, n), 0, mat(y, batch, m), {
      transB: true,
    });
    const b = this.b;
    if (b !== undefined) {
      for (let i = 0; i < batch; i++) {
        const o = i * m;
        for (let j = 0; j < m; j++) y[o + j] = (y[o + j] as number) + (b[j] as number);
      }
    }
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number, inputGrad = true): Float32Array {
    this.checkGrad(dy, batch);
    const x = this.input(batch);
    const n = this.inSize;
    const m = this.units;
    layerGemm(this.path, 'backward', 1, mat(dy, batch, m), mat(x, batch, n), 1, mat(this.dw, m, n), {
      transA: true,
    });
    const db = this.db;
    if (db !== undefined) {
      for (let i = 0; i < batch; i++) {
        const o = i * m;
        for (let j = 0; j < m; j++) db[j] = (db[j] as number) + (dy[o + j] as number);
      }
    }
    const dx = this.cache.get('dx', batch * n);
    if (!inputGrad) return dx;
    layerGemm(this.path, 'backward', 1, mat(dy, batch, m), mat(this.w, m, n), 0, mat(dx, batch, n));
    return dx;
  }

  config(): LayerConfig {
    return { kind: this.kind, units: this.units, bias: this.useBias };
  }

  override advisorLayer(): AdvisorLayerInfo {
    return { kind: 'dense', shape: this.parameters()[0]?.shape ?? [this.units, 0], bias: this.useBias };
  }
}
