import { sigmoidRow, tanhRow } from './elementary-rows';
import { checkOptions } from './options';
import { RECURRENT_KEYS, RecurrentLayer, type RecurrentOptions } from './recurrent-layer';

/** Options of {@link LSTM}. */
export type LSTMOptions = RecurrentOptions;

/**
 * Long short-term memory layer, as PyTorch's `torch.nn.LSTM` (one layer, one direction,
 * `batch_first=True`, zero initial state).
 *
 * For each step `t`, with `h_{-1} = c_{-1} = 0`:
 *
 * ```math
 * \begin{aligned}
 * i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \\
 * f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\
 * g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
 * o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\
 * c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
 * h_t &= o_t \odot \tanh(c_t)
 * \end{aligned}
 * ```
 *
 * Gate order (PyTorch's): the four blocks of `H` rows are stacked as **i, f, g, o** (input,
 * forget, cell candidate, output) along the first axis of `weight_ih [4H, in]`,
 * `weight_hh [4H, H]`, `bias_ih [4H]` and `bias_hh [4H]`. So the forget gate is rows `H..2H-1`:
 * that is the slice `lstm_forget_bias` and `chrono_bias` of `@init/schemes` write (with their
 * default `gate_order` `['i', 'f', 'g', 'o']`), and `rnn_orthogonal` draws one orthogonal block
 * per gate. Keras stores `[i, f, c, o]` with `c` = `g`, and transposed. PyTorch adds the two
 * bias vectors, so a forget bias belongs in one of them (the advisor's plan puts it in `bias_ih`
 * and zeros `bias_hh`).
 *
 * Input `[time, features]`; output `[time, hidden]` with `returnSequences`, else `[hidden]` (the
 * last `h_t`). Cost per step: one GEMM `[batch, H] x [H, 4H]` for the recurrent part; the input
 * projection of all steps is one GEMM `[batch · time, in] x [in, 4H]`. Backward runs through time
 * with one GEMM per step (`dh_{t-1} = dG_t W_hh`) and one GEMM per weight for all steps.
 *
 * @param options - `hiddenSize` (required), `returnSequences` (default false), `bias` (default true).
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or non-integer `hiddenSize`, a non-boolean
 *   flag or an unknown option ("did you mean"); at build time `SHAPE_MISMATCH` (naming the layer)
 *   for an input that is not `[time, features]`, `TOO_LARGE` for state that cannot be allocated.
 * @example
 * ```ts
 * const lstm = new LSTM({ hiddenSize: 4 });
 * lstm.build([5, 3], 'enc'); // => [4]
 * lstm.parameters().map((p) => `${p.localName} [${p.shape}]`);
 * // => ['weight_ih [16,3]', 'weight_hh [16,4]', 'bias_ih [16]', 'bias_hh [16]']
 * lstm.forward(new Float32Array(2 * 5 * 3), 2, true).length; // => 8 (2 samples x 4)
 * ```
 */
export class LSTM extends RecurrentLayer {
  readonly kind = 'lstm';
  readonly gateOrder: readonly string[] = Object.freeze(['i', 'f', 'g', 'o']);

  constructor(options: LSTMOptions) {
    super(checkOptions(options, RECURRENT_KEYS, 'options'));
  }

  protected get advisorKind(): 'lstm' {
    return 'lstm';
  }

  protected runForward(pre: Float32Array, seq: Float32Array, batch: number): void {
    const h = this.hiddenSize;
    const steps = this.steps;
    const g4 = 4 * h;
    const rows = batch * steps;
    this.addBiases(pre, rows, g4);
    const c = this.cache.get('c', rows * h);
    const tc = this.cache.get('tanhC', rows * h);
    if (this.gates.length !== g4 + h) this.gates = new Float64Array(g4 + h);
    const gates = this.gates;
    for (let t = 0; t < steps; t++) {
      if (t > 0) this.addRecurrent(seq, pre, batch, t, 1);
      for (let b = 0; b < batch; b++) {
        const r = b * steps + t;
        const gBase = r * g4;
        const sBase = r * h;
        // gates[0, 4h): i, f, g, o in float64 (c uses them unrounded); gates[4h, 5h): tanh(c).
        sigmoidRow(pre, gBase, 2 * h, gates, 0);
        tanhRow(pre, gBase + 2 * h, h, gates, 2 * h);
        sigmoidRow(pre, gBase + 3 * h, h, gates, 3 * h);
        for (let q = 0; q < g4; q++) pre[gBase + q] = gates[q] as number;
        for (let j = 0; j < h; j++) {
          const cPrev = t > 0 ? (c[sBase - h + j] as number) : 0;
          c[sBase + j] =
            (gates[h + j] as number) * cPrev + (gates[j] as number) * (gates[2 * h + j] as number);
        }
        tanhRow(c, sBase, h, gates, g4);
        for (let j = 0; j < h; j++) {
          const th = gates[g4 + j] as number;
          tc[sBase + j] = th;
          seq[sBase + j] = (gates[3 * h + j] as number) * th;
        }
      }
    }
  }

  /** Float64 scratch of one row's gate values and tanh(c) (5 · hiddenSize), kept between steps and calls. */
  private gates = new Float64Array(0);

  protected runBackward(dy: Float32Array, batch: number): { dInput: Float32Array; dRecurrent: Float32Array } {
    const h = this.hiddenSize;
    const steps = this.steps;
    const g4 = 4 * h;
    const rows = batch * steps;
    const act = this.cache.get('pre', rows * g4);
    const c = this.cache.get('c', rows * h);
    const tc = this.cache.get('tanhC', rows * h);
    const dPre = this.cache.get('dPre', rows * g4);
    const dh = this.cache.get('dhNext', batch * h, true);
    const dc = this.cache.get('dcNext', batch * h, true);
    for (let t = steps - 1; t >= 0; t--) {
      for (let b = 0; b < batch; b++) {
        const r = b * steps + t;
        const gBase = r * g4;
        const sBase = r * h;
        const dyo = this.outputOffset(b, t);
        for (let j = 0; j < h; j++) {
          const dhv = (dh[b * h + j] as number) + (dyo >= 0 ? (dy[dyo + j] as number) : 0);
          const gi = act[gBase + j] as number;
          const gf = act[gBase + h + j] as number;
          const gg = act[gBase + 2 * h + j] as number;
          const go = act[gBase + 3 * h + j] as number;
          const th = tc[sBase + j] as number;
          const dcv = (dc[b * h + j] as number) + dhv * go * (1 - th * th);
          const cPrev = t > 0 ? (c[sBase - h + j] as number) : 0;
          dPre[gBase + j] = dcv * gg * gi * (1 - gi);
          dPre[gBase + h + j] = dcv * cPrev * gf * (1 - gf);
          dPre[gBase + 2 * h + j] = dcv * gi * (1 - gg * gg);
          dPre[gBase + 3 * h + j] = dhv * th * go * (1 - go);
          dc[b * h + j] = dcv * gf;
        }
      }
      if (t > 0) this.recurrentGrad(dPre, dh, batch, t, 0);
    }
    return { dInput: dPre, dRecurrent: dPre };
  }
}
