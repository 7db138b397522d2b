import { createRng, type Rng } from '@init/rng';
import { BaseLayer } from './base-layer';
import { NnError } from './errors';
import type { LayerConfig, Shape } from './layer';
import { checkOptions, numberOption, rawOption } from './options';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /** Probability of zeroing each value, in [0, 1). Default 0.5. */
  rate?: number;
  /**
   * Seed of the mask stream (an integer). The layer draws from `createRng(seed).fork(path)`, so
   * two Dropout layers of one model never share masks. Default 0. `fit` reseeds it from its own
   * seed through {@link Dropout.reseed}.
   */
  seed?: number;
}

/**
 * Inverted dropout: in training, each value is kept with probability `1 − p` and scaled by
 * `1/(1 − p)`; in evaluation it is the identity.
 *
 * ```math
 * y = x \odot m / (1 - p), \quad m_i = [u_i \ge p],\ u_i \sim U[0, 1)
 * ```
 *
 * The uniforms come from an `@init/rng` stream (one float32 fill per training step into a reused
 * buffer), so masks are reproducible bit for bit. Backward: `dx = dy ⊙ m / (1 − p)`.
 *
 * @param options - `rate` (default 0.5), `seed` (default 0).
 * @throws {NnError} `INVALID_ARGUMENT` for a rate outside [0, 1) or a non-integer seed.
 * @example
 * ```ts
 * const d = new Dropout({ rate: 0.5, seed: 1 });
 * d.build([4], 'drop');
 * d.forward(new Float32Array([1, 1, 1, 1]), 1, true); // each value 0 or 2
 * ```
 */
export class Dropout extends BaseLayer {
  readonly kind = 'dropout';
  readonly rate: number;
  readonly seed: number;
  private rng: Rng | undefined;

  constructor(options?: DropoutOptions) {
    super();
    const o = checkOptions(options, ['rate', 'seed'], 'options');
    this.rate = numberOption(o, 'rate', { min: 0, max: 1, exclusiveMax: true }, 0.5);
    const seed = rawOption(o, 'seed');
    this.seed =
      seed === undefined ? 0 : numberOption(o, 'seed', { integer: true, min: -(2 ** 53), max: 2 ** 53 });
  }

  protected buildShape(inputShape: Shape): Shape {
    this.rng = createRng(this.seed).fork(this.path);
    return inputShape;
  }

  /**
   * Replaces the mask stream (for example by one forked from a training run's seed).
   *
   * @throws {NnError} `INVALID_ARGUMENT` when `rng` is not an `Rng`.
   */
  reseed(rng: Rng): void {
    if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).fillUniform !== 'function') {
      throw new NnError('INVALID_ARGUMENT', 'rng', 'must be an Rng from @init/rng');
    }
    this.rng = rng;
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const n = batch * this.inSize;
    const y = this.cache.get('y', n);
    this.save(x, batch, training);
    if (!training || this.rate === 0) {
      for (let i = 0; i < n; i++) y[i] = x[i] as number;
      return y;
    }
    const rng = this.rng;
    if (rng === undefined) throw new NnError('INVALID_STATE', 'layer', `${this.label} is not built`);
    const mask = this.cache.get('mask', n);
    rng.fillUniform(mask);
    const p = this.rate;
    const scale = 1 / (1 - p);
    for (let i = 0; i < n; i++) {
      const m = (mask[i] as number) >= p ? scale : 0;
      mask[i] = m;
      y[i] = (x[i] as number) * m;
    }
    return y;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    const n = batch * this.inSize;
    const dx = this.cache.get('dx', n);
    const mask = this.rate === 0 ? undefined : this.cache.peek('mask', n);
    if (mask === undefined) {
      for (let i = 0; i < n; i++) dx[i] = dy[i] as number;
      return dx;
    }
    for (let i = 0; i < n; i++) dx[i] = (dy[i] as number) * (mask[i] as number);
    return dx;
  }

  config(): LayerConfig {
    return { kind: this.kind, rate: this.rate, seed: this.seed };
  }
}
