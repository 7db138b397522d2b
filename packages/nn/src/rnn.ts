import { tanhRow } from './elementary-rows';
import type { LayerConfig } from './layer';
import { checkOptions, choiceOption } from './options';
import {
  RECURRENT_KEYS,
  type RecurrentAdvisorLayerInfo,
  RecurrentLayer,
  type RecurrentOptions,
} from './recurrent-layer';

/** Nonlinearities of {@link SimpleRNN}, as `torch.nn.RNN`'s `nonlinearity`. */
export type RnnNonlinearity = 'tanh' | 'relu';

/** Options of {@link SimpleRNN}. */
export interface SimpleRNNOptions extends RecurrentOptions {
  /** `'tanh'` (default) or `'relu'`. */
  nonlinearity?: RnnNonlinearity;
}

const KEYS = [...RECURRENT_KEYS, 'nonlinearity'];

/**
 * Plain (Elman) recurrent layer, as PyTorch's `torch.nn.RNN` (one layer, one direction,
 * `batch_first=True`, zero initial state).
 *
 * ```math
 * h_t = \phi(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh}), \qquad h_{-1} = 0,\ \phi \in \{\tanh, \mathrm{relu}\}
 * ```
 *
 * Parameters: `weight_ih [H, in]`, `weight_hh [H, H]`, `bias_ih [H]`, `bias_hh [H]` (one gate
 * block, `gate_order` `['h']` in `@init/schemes`; `rnn_orthogonal`/`orthogonal` or, for a ReLU
 * RNN, `rnn_identity` (IRNN) suit `weight_hh`). Input `[time, features]`; output
 * `[time, hidden]` with `returnSequences`, else `[hidden]` (the last `h_t`).
 *
 * Backward through time: `δ_t = (dy_t + δ_{t+1} W_hh) ⊙ φ'(h_t)` (`φ' = 1 - h²` for tanh, `[h > 0]`
 * for relu); `dW_ih = Σ_t δ_tᵀ x_t`, `dW_hh = Σ_t δ_tᵀ h_{t-1}`, `db = Σ_t δ_t`, `dx_t = δ_t W_ih`.
 *
 * @param options - `hiddenSize` (required), `nonlinearity` (`'tanh'`), `returnSequences` (false),
 *   `bias` (true).
 * @throws {NnError} `INVALID_ARGUMENT` for a bad option or an unknown one ("did you mean");
 *   `SHAPE_MISMATCH` at build time (naming the layer) for an input that is not `[time, features]`.
 * @example
 * ```ts
 * const rnn = new SimpleRNN({ hiddenSize: 8, nonlinearity: 'relu', returnSequences: true });
 * rnn.build([10, 3], 'rnn'); // => [10, 8]
 * rnn.parameters()[1].shape; // => [8, 8] (weight_hh)
 * ```
 */
export class SimpleRNN extends RecurrentLayer {
  readonly kind = 'rnn';
  readonly gateOrder: readonly string[] = Object.freeze(['h']);
  /** The nonlinearity φ. */
  readonly nonlinearity: RnnNonlinearity;

  constructor(options: SimpleRNNOptions) {
    const o = checkOptions(options, KEYS, 'options');
    super(o);
    this.nonlinearity = choiceOption(o, 'nonlinearity', ['tanh', 'relu'], 'tanh');
  }

  protected get advisorKind(): 'rnn' {
    return 'rnn';
  }

  override advisorLayer(): RecurrentAdvisorLayerInfo {
    return { ...super.advisorLayer(), activation: this.nonlinearity };
  }

  override config(): LayerConfig {
    return { ...super.config(), nonlinearity: this.nonlinearity };
  }

  protected runForward(pre: Float32Array, seq: Float32Array, batch: number): void {
    const h = this.hiddenSize;
    const steps = this.steps;
    this.addBiases(pre, batch * steps, h);
    const relu = this.nonlinearity === 'relu';
    if (this.values.length !== h) this.values = new Float64Array(h);
    const values = this.values;
    for (let t = 0; t < steps; t++) {
      if (t > 0) this.addRecurrent(seq, pre, batch, t, 1);
      for (let b = 0; b < batch; b++) {
        const base = (b * steps + t) * h;
        if (relu) {
          for (let j = 0; j < h; j++) seq[base + j] = Math.max(pre[base + j] as number, 0);
          continue;
        }
        tanhRow(pre, base, h, values, 0);
        for (let j = 0; j < h; j++) seq[base + j] = values[j] as number;
      }
    }
  }

  /** Float64 scratch of one row's tanh values (hiddenSize), kept between steps and calls. */
  private values = new Float64Array(0);

  protected runBackward(dy: Float32Array, batch: number): { dInput: Float32Array; dRecurrent: Float32Array } {
    const h = this.hiddenSize;
    const steps = this.steps;
    const seq = this.cache.get('h', batch * steps * h);
    const dPre = this.cache.get('dPre', batch * steps * h);
    const dh = this.cache.get('dhNext', batch * h, true);
    const relu = this.nonlinearity === 'relu';
    for (let t = steps - 1; t >= 0; t--) {
      for (let b = 0; b < batch; b++) {
        const base = (b * steps + t) * h;
        const dyo = this.outputOffset(b, t);
        for (let j = 0; j < h; j++) {
          const dhv = (dh[b * h + j] as number) + (dyo >= 0 ? (dy[dyo + j] as number) : 0);
          const v = seq[base + j] as number;
          dPre[base + j] = relu ? (v > 0 ? dhv : 0) : dhv * (1 - v * v);
        }
      }
      if (t > 0) this.recurrentGrad(dPre, dh, batch, t, 0);
    }
    return { dInput: dPre, dRecurrent: dPre };
  }
}
