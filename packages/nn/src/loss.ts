import { BufferCache } from './buffer-cache';
import { exp, log, log1p } from './elementary';
import { describeValue, NnError } from './errors';

/** Class indices or float targets, one row per sample. */
export type Targets = Int32Array | Uint8Array | Float32Array;

/**
 * A loss with a fused gradient: `forward` returns the mean loss of a batch and prepares
 * `dL/dpred`, which `backward` returns (a reused buffer of the prediction's length).
 */
export interface Loss {
  /** `'cross_entropy'`, `'bce_with_logits'` or `'mse'`. */
  readonly kind: LossName;
  /**
   * Mean loss of `batch` predictions (`pred.length / batch` values each) against `target`.
   *
   * @throws {NnError} `SHAPE_MISMATCH` for a target of the wrong length, `INVALID_ARGUMENT` for a
   *   class index out of range.
   */
  forward(pred: Float32Array, target: Targets, batch: number): number;
  /** `dL/dpred` of the latest `forward`. */
  backward(): Float32Array;
}

/** Names of the built-in losses. */
export type LossName = 'cross_entropy' | 'bce_with_logits' | 'mse';

/** Every built-in loss name. */
export const LOSSES: readonly LossName[] = ['cross_entropy', 'bce_with_logits', 'mse'];

/** The gradient buffer of a loss: one per batch length (kept by a {@link BufferCache}). */
class GradBuffer {
  private readonly cache = new BufferCache();
  buf: Float32Array = new Float32Array(0);
  get(n: number): Float32Array {
    this.buf = this.cache.get('grad', n);
    return this.buf;
  }
}

function checkBatch(pred: Float32Array, batch: number, target?: unknown): number {
  if (!(pred instanceof Float32Array)) {
    throw new NnError('INVALID_ARGUMENT', 'pred', `must be a Float32Array, got ${describeValue(pred)}`);
  }
  if (!(target instanceof Int32Array || target instanceof Uint8Array || target instanceof Float32Array)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      'target',
      `must be an Int32Array, Uint8Array or Float32Array, got ${describeValue(target)}`,
    );
  }
  if (!Number.isSafeInteger(batch) || batch < 1 || pred.length % batch !== 0) {
    throw new NnError(
      'SHAPE_MISMATCH',
      'batch',
      `must be a positive divisor of the prediction length ${pred.length}, got ${describeValue(batch)}`,
    );
  }
  return pred.length / batch;
}

/**
 * Softmax cross-entropy on logits with integer class targets, fused and stable (PyTorch's
 * `CrossEntropyLoss`, mean reduction).
 *
 * ```math
 * L = \frac{1}{B} \sum_b \Big( \log \sum_c e^{z_{bc} - m_b} + m_b - z_{b, y_b} \Big),\quad
 * m_b = \max_c z_{bc}, \qquad \frac{\partial L}{\partial z_{bc}} = \frac{\mathrm{softmax}(z_b)_c - [c = y_b]}{B}
 * ```
 *
 * Subtracting the row maximum keeps every exponent ≤ 0, so logits of any finite size give a
 * finite loss. Targets: `batch` class indices in `[0, classes)`.
 *
 * @example
 * ```ts
 * const ce = new SoftmaxCrossEntropy();
 * ce.forward(new Float32Array([0, 0]), new Int32Array([1]), 1); // => 0.6931471805599453 (ln 2)
 * ce.backward(); // => Float32Array [0.5, -0.5]
 * ```
 */
export class SoftmaxCrossEntropy implements Loss {
  readonly kind = 'cross_entropy';
  private readonly grad = new GradBuffer();

  forward(pred: Float32Array, target: Targets, batch: number): number {
    const classes = checkBatch(pred, batch, target);
    if (target.length !== batch) {
      throw new NnError(
        'SHAPE_MISMATCH',
        'target',
        `cross-entropy needs ${batch} class indices, got ${target.length} values`,
      );
    }
    const g = this.grad.get(pred.length);
    let total = 0;
    for (let b = 0; b < batch; b++) {
      const o = b * classes;
      const t = target[b] as number;
      if (!(t >= 0 && t < classes && Number.isInteger(t))) {
        throw new NnError(
          'INVALID_ARGUMENT',
          'target',
          `sample ${b} has class ${t}, expected an integer in [0, ${classes})`,
        );
      }
      let m = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) m = Math.max(m, pred[o + c] as number);
      let s = 0;
      for (let c = 0; c < classes; c++) {
        const e = exp((pred[o + c] as number) - m);
        g[o + c] = e;
        s += e;
      }
      total += log(s) + m - (pred[o + t] as number);
      const scale = 1 / (s * batch);
      for (let c = 0; c < classes; c++) g[o + c] = (g[o + c] as number) * scale;
      g[o + t] = (g[o + t] as number) - 1 / batch;
    }
    return total / batch;
  }

  backward(): Float32Array {
    return this.grad.buf;
  }
}

function checkSameLength(pred: Float32Array, target: Targets, what: string): void {
  if (target.length !== pred.length) {
    throw new NnError(
      'SHAPE_MISMATCH',
      'target',
      `${what} needs one target per prediction (${pred.length}), got ${target.length}`,
    );
  }
}

/**
 * Binary cross-entropy on logits (PyTorch's `BCEWithLogitsLoss`, mean over every element), in the
 * stable form that never exponentiates a positive number.
 *
 * ```math
 * \ell(z, t) = \max(z, 0) - z t + \log(1 + e^{-|z|}), \qquad \frac{\partial L}{\partial z} = \frac{\sigma(z) - t}{N}
 * ```
 *
 * Targets: one value in [0, 1] per prediction.
 *
 * @example
 * ```ts
 * new BinaryCrossEntropyWithLogits().forward(new Float32Array([0]), new Float32Array([1]), 1); // => 0.6931471805599453
 * ```
 */
export class BinaryCrossEntropyWithLogits implements Loss {
  readonly kind = 'bce_with_logits';
  private readonly grad = new GradBuffer();

  forward(pred: Float32Array, target: Targets, batch: number): number {
    checkBatch(pred, batch, target);
    checkSameLength(pred, target, 'binary cross-entropy');
    const n = pred.length;
    const g = this.grad.get(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const z = pred[i] as number;
      const t = target[i] as number;
      if (!(t >= 0 && t <= 1))
        throw new NnError('INVALID_ARGUMENT', 'target', `value ${i} is ${t}, expected a number in [0, 1]`);
      const e = exp(-Math.abs(z));
      total += Math.max(z, 0) - z * t + log1p(e);
      const s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      g[i] = (s - t) / n;
    }
    return total / n;
  }

  backward(): Float32Array {
    return this.grad.buf;
  }
}

/**
 * Mean squared error over every element (PyTorch's `MSELoss`).
 *
 * ```math
 * L = \frac{1}{N} \sum_i (z_i - t_i)^2, \qquad \frac{\partial L}{\partial z_i} = \frac{2 (z_i - t_i)}{N}
 * ```
 *
 * @example
 * ```ts
 * new MeanSquaredError().forward(new Float32Array([1, 3]), new Float32Array([0, 1]), 2); // => 2.5
 * ```
 */
export class MeanSquaredError implements Loss {
  readonly kind = 'mse';
  private readonly grad = new GradBuffer();

  forward(pred: Float32Array, target: Targets, batch: number): number {
    checkBatch(pred, batch, target);
    checkSameLength(pred, target, 'mean squared error');
    const n = pred.length;
    const g = this.grad.get(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = (pred[i] as number) - (target[i] as number);
      total += d * d;
      g[i] = (2 * d) / n;
    }
    return total / n;
  }

  backward(): Float32Array {
    return this.grad.buf;
  }
}

/**
 * The built-in loss called `name`.
 *
 * @throws {NnError} `INVALID_ARGUMENT` for an unknown name.
 * @example
 * ```ts
 * createLoss('mse').kind; // => 'mse'
 * ```
 */
export function createLoss(name: LossName): Loss {
  switch (name) {
    case 'cross_entropy':
      return new SoftmaxCrossEntropy();
    case 'bce_with_logits':
      return new BinaryCrossEntropyWithLogits();
    case 'mse':
      return new MeanSquaredError();
    default:
      throw new NnError(
        'INVALID_ARGUMENT',
        'loss',
        `must be one of ${LOSSES.join(', ')}, got ${describeValue(name)}`,
      );
  }
}
