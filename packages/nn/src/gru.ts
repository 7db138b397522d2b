import { sigmoidRow, tanhRow } from './elementary-rows';
import { checkOptions } from './options';
import { RECURRENT_KEYS, RecurrentLayer, type RecurrentOptions } from './recurrent-layer';

/** Options of {@link GRU}. */
export type GRUOptions = RecurrentOptions;

/**
 * Gated recurrent unit layer, as PyTorch's `torch.nn.GRU` (one layer, one direction,
 * `batch_first=True`, zero initial state).
 *
 * For each step `t`, with `h_{-1} = 0`:
 *
 * ```math
 * \begin{aligned}
 * r_t &= \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \\
 * z_t &= \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \\
 * n_t &= \tanh\big(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})\big) \\
 * h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
 * \end{aligned}
 * ```
 *
 * Gate order (PyTorch's): the three blocks of `H` rows are stacked as **r, z, n** (reset, update,
 * candidate) along the first axis of `weight_ih [3H, in]`, `weight_hh [3H, H]`, `bias_ih [3H]`
 * and `bias_hh [3H]`; `rnn_orthogonal` with `gate_order` `['r', 'z', 'n']` draws one orthogonal
 * block per gate. The reset gate multiplies the whole recurrent term of the candidate, bias
 * `b_hn` included (PyTorch's and cuDNN's form; Keras' `reset_after=True`), so `b_hn` is not
 * interchangeable with `b_in`. With `h_t = (1 - z) n + z h_{t-1}`, a positive bias on the `z`
 * block (rows `H..2H-1`) makes a unit keep its state by default.
 *
 * Input `[time, features]`; output `[time, hidden]` with `returnSequences`, else `[hidden]`.
 * Cost per step: one GEMM `[batch, H] x [H, 3H]`; the input projection of all steps is one GEMM.
 *
 * @param options - `hiddenSize` (required), `returnSequences` (default false), `bias` (default true).
 * @throws {NnError} `INVALID_ARGUMENT` for a bad or unknown option ("did you mean"); at build
 *   time `SHAPE_MISMATCH` (naming the layer) for an input that is not `[time, features]`.
 * @example
 * ```ts
 * const gru = new GRU({ hiddenSize: 4, returnSequences: true });
 * gru.build([5, 3], 'gru'); // => [5, 4]
 * gru.parameters()[0].shape; // => [12, 3] (weight_ih, blocks r, z, n)
 * ```
 */
export class GRU extends RecurrentLayer {
  readonly kind = 'gru';
  readonly gateOrder: readonly string[] = Object.freeze(['r', 'z', 'n']);

  constructor(options: GRUOptions) {
    super(checkOptions(options, RECURRENT_KEYS, 'options'));
  }

  protected get advisorKind(): 'gru' {
    return 'gru';
  }

  protected runForward(pre: Float32Array, seq: Float32Array, batch: number): void {
    const h = this.hiddenSize;
    const steps = this.steps;
    const g3 = 3 * h;
    const rows = batch * steps;
    // hg holds W_hh h_{t-1} + b_hh per step; its n block is needed again in backward.
    const hg = this.cache.get('hg', rows * g3);
    const bi = this.bIh;
    const bh = this.bHh;
    if (bi !== undefined) addRowVector(pre, rows, g3, bi);
    if (this.gates.length !== g3) {
      this.gates = new Float64Array(g3);
      this.gateInputs = new Float64Array(g3);
    }
    const gates = this.gates;
    const u = this.gateInputs;
    for (let t = 0; t < steps; t++) {
      if (t > 0) this.addRecurrent(seq, hg, batch, t, 0);
      for (let b = 0; b < batch; b++) {
        const r = b * steps + t;
        const gBase = r * g3;
        const sBase = r * h;
        if (t === 0) hg.fill(0, gBase, gBase + g3);
        if (bh !== undefined) {
          for (let k = 0; k < g3; k++) hg[gBase + k] = (hg[gBase + k] as number) + (bh[k] as number);
        }
        // u: the r and z inputs, then the n input (which needs r); gates: r, z, n (float64, used unrounded).
        for (let k = 0; k < 2 * h; k++) u[k] = (pre[gBase + k] as number) + (hg[gBase + k] as number);
        sigmoidRow(u, 0, 2 * h, gates, 0);
        for (let j = 0; j < h; j++) {
          u[2 * h + j] =
            (pre[gBase + 2 * h + j] as number) + (gates[j] as number) * (hg[gBase + 2 * h + j] as number);
        }
        tanhRow(u, 2 * h, h, gates, 2 * h);
        for (let j = 0; j < h; j++) {
          const gr = gates[j] as number;
          const gz = gates[h + j] as number;
          const gn = gates[2 * h + j] as number;
          pre[gBase + j] = gr;
          pre[gBase + h + j] = gz;
          pre[gBase + 2 * h + j] = gn;
          const hPrev = t > 0 ? (seq[sBase - h + j] as number) : 0;
          seq[sBase + j] = gn + gz * (hPrev - gn);
        }
      }
    }
  }

  /** Float64 scratch of one row: the gate values r, z, n and their inputs (3 · hiddenSize each). */
  private gates = new Float64Array(0);
  private gateInputs = new Float64Array(0);

  protected runBackward(dy: Float32Array, batch: number): { dInput: Float32Array; dRecurrent: Float32Array } {
    const h = this.hiddenSize;
    const steps = this.steps;
    const g3 = 3 * h;
    const rows = batch * steps;
    const act = this.cache.get('pre', rows * g3);
    const hg = this.cache.get('hg', rows * g3);
    const seq = this.cache.get('h', rows * h);
    const dX = this.cache.get('dPre', rows * g3);
    const dH = this.cache.get('dHg', rows * g3);
    // dhIn: gradient reaching h_t from later steps; dhOut: the one this step sends to h_{t-1}.
    let dhIn = this.cache.get('dhA', batch * h, true);
    let dhOut = this.cache.get('dhB', batch * h);
    for (let t = steps - 1; t >= 0; t--) {
      for (let b = 0; b < batch; b++) {
        const r = b * steps + t;
        const gBase = r * g3;
        const sBase = r * h;
        const dyo = this.outputOffset(b, t);
        for (let j = 0; j < h; j++) {
          const dhv = (dhIn[b * h + j] as number) + (dyo >= 0 ? (dy[dyo + j] as number) : 0);
          const gr = act[gBase + j] as number;
          const gz = act[gBase + h + j] as number;
          const gn = act[gBase + 2 * h + j] as number;
          const hn = hg[gBase + 2 * h + j] as number;
          const hPrev = t > 0 ? (seq[sBase - h + j] as number) : 0;
          const dn = dhv * (1 - gz) * (1 - gn * gn);
          const dr = dn * hn * gr * (1 - gr);
          const dz = dhv * (hPrev - gn) * gz * (1 - gz);
          dX[gBase + j] = dr;
          dX[gBase + h + j] = dz;
          dX[gBase + 2 * h + j] = dn;
          dH[gBase + j] = dr;
          dH[gBase + h + j] = dz;
          dH[gBase + 2 * h + j] = dn * gr;
          dhOut[b * h + j] = dhv * gz;
        }
      }
      if (t > 0) {
        this.recurrentGrad(dH, dhOut, batch, t, 1);
        const swap = dhIn;
        dhIn = dhOut;
        dhOut = swap;
      }
    }
    return { dInput: dX, dRecurrent: dH };
  }
}

/** `a[r, k] += v[k]` over a row-major `[rows, cols]` array. */
function addRowVector(a: Float32Array, rows: number, cols: number, v: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let k = 0; k < cols; k++) a[o + k] = (a[o + k] as number) + (v[k] as number);
  }
}
