import type { Matrix } from '@init/linalg';
import { BaseLayer } from './base-layer';
import { describeValue, NnError } from './errors';
import type { AdvisorLayerInfo, LayerConfig, Shape } from './layer';
import { layerGemm, mat } from './matrix-view';
import { booleanOption, MAX_ELEMENTS, numberOption } from './options';

/** Options shared by {@link SimpleRNN}, {@link LSTM} and {@link GRU}. */
export interface RecurrentOptions {
  /** Size `H` of the hidden state, a positive integer (at most 2^16). Required. */
  hiddenSize: number;
  /**
   * `true`: output every step's hidden state, per-sample shape `[time, hidden]` (PyTorch's
   * `output`). `false` (default): output only the last step's, shape `[hidden]` (PyTorch's `h_n`),
   * ready for a Dense head.
   */
  returnSequences?: boolean;
  /** Whether the layer has `bias_ih` and `bias_hh`. Default true. */
  bias?: boolean;
}

/** Option keys every recurrent layer accepts. */
export const RECURRENT_KEYS: readonly string[] = ['hiddenSize', 'returnSequences', 'bias'];

/** Largest hidden size accepted by the recurrent layers. */
export const MAX_HIDDEN = 2 ** 16;

/**
 * How a recurrent layer presents itself to `@init/advisor`'s `plan`, with what the recurrent
 * recipes of `@init/schemes` need besides: the gate blocks stacked along the first axis of
 * `weight_ih`, `weight_hh`, `bias_ih` and `bias_hh` (`gateOrder`, one letter per block of
 * `hidden` rows) and, for a plain RNN, its nonlinearity.
 */
export interface RecurrentAdvisorLayerInfo extends AdvisorLayerInfo {
  readonly kind: 'rnn' | 'lstm' | 'gru';
  /** `[hidden, input]`, the advisor's convention for recurrent layers. */
  readonly shape: readonly [number, number];
  /** Gate blocks in storage order: `['h']` (RNN), `['i', 'f', 'g', 'o']` (LSTM), `['r', 'z', 'n']` (GRU). */
  readonly gateOrder: readonly string[];
  /** Nonlinearity of the hidden state: `'tanh'`, or `'relu'` for a ReLU RNN. */
  readonly activation: 'tanh' | 'relu';
}

/** A strided row view: `rows` rows of `cols` values, `rowStride` apart, from `offset`. */
export function rowsView(
  data: Float32Array,
  rows: number,
  cols: number,
  offset: number,
  rowStride: number,
): Matrix<Float32Array> {
  return { data, rows, cols, offset, rowStride, colStride: 1 };
}

/**
 * Shared part of the recurrent layers: options, the four parameters in PyTorch's layout, input
 * checks, the input projection of all steps in one GEMM, and the parameter-gradient GEMMs that
 * close backprop through time.
 *
 * Layout. The per-sample input is `[time, features]` (a batch is `[batch, time, features]`, PyTorch's
 * `batch_first=True`). With `G` gate blocks of `H` rows each:
 * `weight_ih [G·H, in]`, `weight_hh [G·H, H]`, `bias_ih [G·H]`, `bias_hh [G·H]`, the blocks
 * stacked in the order of {@link RecurrentLayer.gateOrder}. The initial state is zero.
 *
 * Buffers (from the layer's `BufferCache`, allocated on the first pass of each batch size and
 * reused): the pre-activations of every step `[batch, time, G·H]`, the hidden states
 * `[batch, time, H]`, and the kind-specific states, so that backward can run through time without
 * recomputation.
 */
export abstract class RecurrentLayer extends BaseLayer {
  /** Hidden size `H`. */
  readonly hiddenSize: number;
  /** Whether the output holds every step (`[time, hidden]`) or the last one (`[hidden]`). */
  readonly returnSequences: boolean;
  /** Whether `bias_ih` and `bias_hh` exist. */
  readonly useBias: boolean;
  /** Gate blocks along the stacked axis, in storage order (PyTorch's). */
  abstract readonly gateOrder: readonly string[];
  /** Number of time steps `T` (set at build). */
  protected steps = 0;
  /** Input features per step (set at build). */
  protected features = 0;
  protected wIh: Float32Array = new Float32Array(0);
  protected wHh: Float32Array = new Float32Array(0);
  protected dWih: Float32Array = new Float32Array(0);
  protected dWhh: Float32Array = new Float32Array(0);
  protected bIh: Float32Array | undefined;
  protected bHh: Float32Array | undefined;
  protected dBih: Float32Array | undefined;
  protected dBhh: Float32Array | undefined;
  protected constructor(options: Readonly<Record<string, unknown>>) {
    super();
    this.hiddenSize = numberOption(options, 'hiddenSize', { min: 1, max: MAX_HIDDEN, integer: true });
    this.returnSequences = booleanOption(options, 'returnSequences', false);
    this.useBias = booleanOption(options, 'bias', true);
  }

  /** Number of gate blocks `G`. */
  protected get gateCount(): number {
    return this.gateOrder.length;
  }

  /** `G · H`, the length of the stacked axis. */
  protected get stacked(): number {
    return this.gateOrder.length * this.hiddenSize;
  }

  protected buildShape(inputShape: Shape): Shape {
    if (inputShape.length !== 2) {
      this.shapeError(
        `expects a sequence input [time, features], got [${inputShape.join(', ')}]; batches are [batch, time, features]`,
      );
    }
    const steps = inputShape[0] as number;
    const features = inputShape[1] as number;
    const h = this.hiddenSize;
    const gh = this.stacked;
    if (steps * Math.max(gh, features) > MAX_ELEMENTS) {
      throw new NnError(
        'TOO_LARGE',
        'inputShape',
        `${this.label}: ${steps} steps of ${gh} state values need more than ${MAX_ELEMENTS} elements per sample`,
      );
    }
    this.steps = steps;
    this.features = features;
    const wi = this.addParameter('weight_ih', [gh, features], 'weight');
    const wh = this.addParameter('weight_hh', [gh, h], 'weight');
    this.wIh = wi.value;
    this.dWih = wi.grad;
    this.wHh = wh.value;
    this.dWhh = wh.grad;
    if (this.useBias) {
      const bi = this.addParameter('bias_ih', [gh], 'bias');
      const bh = this.addParameter('bias_hh', [gh], 'bias');
      this.bIh = bi.value;
      this.dBih = bi.grad;
      this.bHh = bh.value;
      this.dBhh = bh.grad;
    }
    return this.returnSequences ? [steps, h] : [h];
  }

  /**
   * Checks a batch argument and an array against this layer's per-sample size, and that the
   * batch-sized state fits the allocation limit.
   */
  protected checkBatch(
    data: unknown,
    batch: unknown,
    perSample: number,
    argument: string,
  ): asserts data is Float32Array {
    if (!this.built) throw new NnError('INVALID_STATE', 'layer', `${this.kind} layer is not built yet`);
    if (typeof batch !== 'number' || !Number.isSafeInteger(batch) || batch < 1) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'batch',
        `${this.label}: must be a positive integer, got ${describeValue(batch)}`,
      );
    }
    if (batch * this.steps * Math.max(this.stacked, this.features) > MAX_ELEMENTS) {
      throw new NnError(
        'TOO_LARGE',
        'batch',
        `${this.label}: a batch of ${batch} sequences needs more than ${MAX_ELEMENTS} elements of state`,
      );
    }
    if (!(data instanceof Float32Array)) {
      throw new NnError(
        'INVALID_ARGUMENT',
        argument,
        `${this.label}: must be a Float32Array, got ${describeValue(data)}`,
      );
    }
    if (data.length !== batch * perSample) {
      throw new NnError(
        'SHAPE_MISMATCH',
        argument,
        `${this.label}: expected ${batch} x ${perSample} = ${batch * perSample} values, got ${data.length}`,
      );
    }
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkBatch(x, batch, this.steps * this.features, 'x');
    const rows = batch * this.steps;
    const gh = this.stacked;
    const pre = this.cache.get('pre', rows * gh);
    // Input projection of every step at once: pre = x W_ihᵀ, x viewed as [batch · time, in].
    layerGemm(
      this.path,
      'forward',
      1,
      mat(x, rows, this.features),
      mat(this.wIh, gh, this.features),
      0,
      mat(pre, rows, gh),
      {
        transB: true,
      },
    );
    const seq = this.cache.get('h', rows * this.hiddenSize);
    this.runForward(pre, seq, batch);
    this.save(x, batch, training);
    if (this.returnSequences) return seq;
    return this.lastStep(seq, batch);
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    const h = this.hiddenSize;
    this.checkBatch(dy, batch, this.returnSequences ? this.steps * h : h, 'dy');
    const x = this.input(batch);
    const rows = batch * this.steps;
    const gh = this.stacked;
    const seq = this.cache.get('h', rows * h);
    const prev = this.cache.get('hPrev', rows * h);
    shiftSteps(seq, prev, batch, this.steps, h);
    const { dInput, dRecurrent } = this.runBackward(dy, batch);
    const f = this.features;
    // Parameter gradients of all steps in one GEMM each (K = batch · time).
    layerGemm(this.path, 'backward', 1, mat(dInput, rows, gh), mat(x, rows, f), 1, mat(this.dWih, gh, f), {
      transA: true,
    });
    layerGemm(
      this.path,
      'backward',
      1,
      mat(dRecurrent, rows, gh),
      mat(prev, rows, h),
      1,
      mat(this.dWhh, gh, h),
      { transA: true },
    );
    if (this.dBih !== undefined && this.dBhh !== undefined) {
      addColumnSums(dInput, rows, gh, this.dBih);
      addColumnSums(dRecurrent, rows, gh, this.dBhh);
    }
    const dx = this.cache.get('dx', rows * f);
    layerGemm(this.path, 'backward', 1, mat(dInput, rows, gh), mat(this.wIh, gh, f), 0, mat(dx, rows, f));
    return dx;
  }

  /**
   * Runs the recurrence over `pre` (input projections `[batch, time, G·H]`, without biases),
   * writing every hidden state into `seq` (`[batch, time, H]`) and keeping what backward needs.
   */
  protected abstract runForward(pre: Float32Array, seq: Float32Array, batch: number): void;

  /**
   * Backprop through time from `dy`. Returns the gradients with respect to the input-side
   * pre-activations (`W_ih x + b_ih`) and the recurrent-side ones (`W_hh h + b_hh`), both
   * `[batch, time, G·H]`; they are the same array except in the GRU.
   */
  protected abstract runBackward(
    dy: Float32Array,
    batch: number,
  ): { dInput: Float32Array; dRecurrent: Float32Array };

  /**
   * Offset in `dy` of the output gradient of sample `b` at step `t`, or -1 when that step is not
   * part of the output (every step but the last when `returnSequences` is false).
   */
  protected outputOffset(b: number, t: number): number {
    const h = this.hiddenSize;
    if (this.returnSequences) return (b * this.steps + t) * h;
    return t === this.steps - 1 ? b * h : -1;
  }

  /** Adds `bias_ih[k] + bias_hh[k]` to column `k` of the `[rows, cols]` array `a` (no-op without biases). */
  protected addBiases(a: Float32Array, rows: number, cols: number): void {
    const bi = this.bIh;
    const bh = this.bHh;
    if (bi === undefined || bh === undefined) return;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      for (let k = 0; k < cols; k++) a[o + k] = (a[o + k] as number) + (bi[k] as number) + (bh[k] as number);
    }
  }

  /** Adds `W_hh h_{t-1}` (h of step `t - 1` read from `seq`) into the step-`t` rows of `target`. */
  protected addRecurrent(
    seq: Float32Array,
    target: Float32Array,
    batch: number,
    t: number,
    beta: 0 | 1,
  ): void {
    const h = this.hiddenSize;
    const gh = this.stacked;
    const steps = this.steps;
    layerGemm(
      this.path,
      'forward',
      1,
      rowsView(seq, batch, h, (t - 1) * h, steps * h),
      mat(this.wHh, gh, h),
      beta,
      rowsView(target, batch, gh, t * gh, steps * gh),
      { transB: true },
    );
  }

  /** `dhPrev = dG_t W_hh` for the step-`t` rows of `dGates`, added into `dhPrev` when `beta` is 1. */
  protected recurrentGrad(
    dGates: Float32Array,
    dhPrev: Float32Array,
    batch: number,
    t: number,
    beta: 0 | 1,
  ): void {
    const h = this.hiddenSize;
    const gh = this.stacked;
    layerGemm(
      this.path,
      'backward',
      1,
      rowsView(dGates, batch, gh, t * gh, this.steps * gh),
      mat(this.wHh, gh, h),
      beta,
      mat(dhPrev, batch, h),
    );
  }

  private lastStep(seq: Float32Array, batch: number): Float32Array {
    const h = this.hiddenSize;
    const y = this.cache.get('y', batch * h);
    const stride = this.steps * h;
    for (let b = 0; b < batch; b++) y.set(seq.subarray(b * stride + stride - h, b * stride + stride), b * h);
    return y;
  }

  config(): LayerConfig {
    return {
      kind: this.kind,
      hiddenSize: this.hiddenSize,
      returnSequences: this.returnSequences,
      bias: this.useBias,
    };
  }

  override advisorLayer(): RecurrentAdvisorLayerInfo {
    return {
      kind: this.advisorKind,
      shape: [this.hiddenSize, this.features],
      bias: this.useBias,
      gateOrder: this.gateOrder,
      activation: 'tanh',
    };
  }

  /** The advisor's layer kind. */
  protected abstract get advisorKind(): 'rnn' | 'lstm' | 'gru';
}

/** `prev[b, t] = seq[b, t - 1]`, and zero at `t = 0` (the initial state). */
function shiftSteps(seq: Float32Array, prev: Float32Array, batch: number, steps: number, h: number): void {
  const stride = steps * h;
  for (let b = 0; b < batch; b++) {
    const o = b * stride;
    prev.fill(0, o, o + h);
    prev.set(seq.subarray(o, o + stride - h), o + h);
  }
}

/** `out[k] += Σ_r a[r, k]` over a row-major `[rows, cols]` array. */
function addColumnSums(a: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let k = 0; k < cols; k++) out[k] = (out[k] as number) + (a[o + k] as number);
  }
}
