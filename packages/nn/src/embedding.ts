import { BaseLayer } from './base-layer';
import { NnError } from './errors';
import type { AdvisorLayerInfo, LayerConfig, Shape } from './layer';
import { checkOptions, numberOption } from './options';

/** Options of {@link Embedding}. */
export interface EmbeddingOptions {
  /** Size of the vocabulary (rows of the table). */
  numEmbeddings: number;
  /** Length of each vector. */
  dim: number;
}

/**
 * A lookup table: each input value is an integer index `t` in `[0, numEmbeddings)` (stored as a
 * float32 number) and becomes row `t` of `weight [numEmbeddings, dim]` (PyTorch's `Embedding`).
 *
 * ```math
 * y[\ldots, :] = W[x[\ldots], :], \qquad dW[t, :] \mathrel{+}= \sum_{x[\ldots] = t} dy[\ldots, :]
 * ```
 *
 * Input `[...]` (e.g. `[time]`), output `[..., dim]`. Indices are not differentiable: `backward`
 * returns zeros for the input.
 *
 * @param options - `numEmbeddings`, `dim` (positive integers).
 * @throws {NnError} `INVALID_ARGUMENT` for bad sizes; from `forward`, `INVALID_ARGUMENT` (argument
 *   `x`) for an index that is not an integer in range.
 * @example
 * ```ts
 * const emb = new Embedding({ numEmbeddings: 10, dim: 4 });
 * emb.build([5], 'tok'); // => [5, 4]
 * ```
 */
export class Embedding extends BaseLayer {
  readonly kind = 'embedding';
  readonly numEmbeddings: number;
  readonly dim: number;
  private w: Float32Array = new Float32Array(0);
  private dw: Float32Array = new Float32Array(0);

  constructor(options: EmbeddingOptions) {
    super();
    const o = checkOptions(options, ['numEmbeddings', 'dim'], 'options');
    this.numEmbeddings = numberOption(o, 'numEmbeddings', { integer: true, min: 1, max: 2 ** 24 });
    this.dim = numberOption(o, 'dim', { integer: true, min: 1, max: 2 ** 20 });
  }

  protected buildShape(inputShape: Shape): Shape {
    const p = this.addParameter('weight', [this.numEmbeddings, this.dim], 'embedding');
    this.w = p.value;
    this.dw = p.grad;
    return [...inputShape, this.dim];
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const n = batch * this.inSize;
    const d = this.dim;
    const y = this.cache.get('y', n * d);
    for (let i = 0; i < n; i++) {
      const t = x[i] as number;
      if (!(t >= 0 && t < this.numEmbeddings && Number.isInteger(t))) {
        throw new NnError(
          'INVALID_ARGUMENT',
          'x',
          `${this.label}: index ${i} is ${t}, expected an integer in [0, ${this.numEmbeddings})`,
        );
      }
      const o = t * d;
      const io = i * d;
      for (let j = 0; j < d; j++) y[io + j] = this.w[o + j] as number;
    }
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    const x = this.input(batch);
    const n = batch * this.inSize;
    const d = this.dim;
    for (let i = 0; i < n; i++) {
      const t = x[i] as number;
      const o = t * d;
      const io = i * d;
      for (let j = 0; j < d; j++) this.dw[o + j] = (this.dw[o + j] as number) + (dy[io + j] as number);
    }
    return this.cache.get('dx', n, true);
  }

  config(): LayerConfig {
    return { kind: this.kind, numEmbeddings: this.numEmbeddings, dim: this.dim };
  }

  override advisorLayer(): AdvisorLayerInfo {
    return { kind: 'embedding', shape: [this.numEmbeddings, this.dim], bias: false };
  }
}
